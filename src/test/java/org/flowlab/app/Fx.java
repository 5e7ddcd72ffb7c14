package org.flowlab.app;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Polling and FX-thread helpers for the app tests: every wait has a timeout, nothing sleeps and hopes. */
final class Fx {

    private Fx() {
    }

    /** Polls {@code condition} (evaluated however it likes) until true, for at most 60 s. */
    static void waitFor(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    /** Runs {@code c} on the FX thread and returns its value. */
    static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The app on a stage with a small network (32×2) and few particles, so each test takes seconds; the wiring,
     * not the model size, is under test.
     */
    static MainView startSmallApp(javafx.stage.Stage stage, MainViewModel vm, int particles) {
        vm.training().widthProperty().set(32);
        vm.training().depthProperty().set(2);
        vm.training().reset();
        vm.playback().particlesProperty().set(particles);
        MainView view = new MainView(vm, false);
        stage.setScene(new javafx.scene.Scene(view, 1280, 900));
        stage.titleProperty().bind(vm.document().title());
        stage.show();
        view.start();
        return view;
    }

    /** Stops the view's timer and closes the view model (trainer, executors) on the FX thread. */
    static void shutDown(MainView view, MainViewModel vm) {
        WaitForAsyncUtils.asyncFx(() -> {
            view.stop();
            vm.close();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
