package org.flowlab.app.straight;

import org.flowlab.app.ModelFields;
import org.flowlab.app.Notification;
import org.flowlab.app.TaskRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.flowlab.density.PointSampler;
import org.flowlab.nfe.NfeChart;
import org.flowlab.nfe.NfeLab;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.render.Frame;

/**
 * The NFE lab: the same noise through every solver setting ({@link NfeLab}) for each model the app holds (the
 * trained one and any reflow rounds), in the {@value #LANE} lane with progress; publishes the rows, the chart
 * ({@link NfeChart}, a core frame) and the CSV. A new run or {@link #cancel()} drops the one in flight.
 */
public final class NfeLabViewModel {

    static final String LANE = "nfe";
    static final List<String> SOLVERS = List.of("euler", "midpoint", "heun", "rk4", "dopri5");
    static final int[] STEPS = {1, 2, 4, 8, 16, 32, 64, 128};
    static final double[] TOLERANCES = {1e-2, 1e-3, 1e-4, 1e-5};
    static final int CHART_WIDTH = 900;
    static final int CHART_HEIGHT = 320;

    private final TaskRunner runner;
    private final ModelFields fields;
    private final Supplier<Map<String, WeightsSnapshot>> models;
    private final Supplier<PointSampler> target;
    private final Consumer<Notification> notify;
    private int particles = 1000;
    private final ObjectProperty<List<NfeLab.Result>> results = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<Frame> chart = new SimpleObjectProperty<>();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("Press Run to measure the current model.");
    private final List<NfeLab.Setting> settings = NfeLab.settings(SOLVERS, STEPS, TOLERANCES);
    private TaskRunner.Handle request;
    /** Models loaded from files to compare with the app's own (e.g. a VP-path model beside the OT one), by name. */
    private final Map<String, WeightsSnapshot> added = new java.util.LinkedHashMap<>();
    private final StringProperty addedNames = new SimpleStringProperty("");
    static final String LOAD_LANE = "nfe-load";

    /**
     * @param models the models to compare, by name, in order (the current one first); empty when there is none
     * @param target the target's sampler for SW₂, or null when the density is empty
     */
    public NfeLabViewModel(TaskRunner runner, ModelFields fields, Supplier<Map<String, WeightsSnapshot>> models,
                           Supplier<PointSampler> target, Consumer<Notification> notify) {
        this.runner = runner;
        this.fields = fields;
        this.models = models;
        this.target = target;
        this.notify = notify;
    }

    void setParticles(int n) {
        particles = n;
    }

    public List<NfeLab.Setting> settings() {
        return settings;
    }

    public ObjectProperty<List<NfeLab.Result>> resultsProperty() {
        return results;
    }

    /** Every result's rows, in order. */
    public List<NfeLab.Row> rows() {
        List<NfeLab.Row> out = new ArrayList<>();
        results.get().forEach(r -> out.addAll(r.rows()));
        return out;
    }

    public ObjectProperty<Frame> chartProperty() {
        return chart;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The table as CSV ({@link NfeLab#CSV_HEADER}), empty before a run. */
    public String csv() {
        return results.get().isEmpty() ? "" : NfeLab.csv(results.get());
    }

    /** "Compared with: vp.zip (vp path)" or empty: the models added from files. */
    public StringProperty addedNamesProperty() {
        return addedNames;
    }

    /**
     * Reads a model file or session in the background and adds its shown weights (the average when it has one) to
     * the comparison, named after the file and its path; a file that cannot be read changes nothing.
     */
    public void addModelFile(java.nio.file.Path file) {
        runner.submit(LOAD_LANE, p -> org.flowlab.format.ModelFile.load(file).display(), w -> {
            String name = file.getFileName().toString() + " (" + w.config().path().id() + ")";
            added.put(name, w);
            addedNames.set("Compared with: " + String.join(", ", added.keySet()));
            status.set("Added " + name + ". Press Run to measure it beside the current model.");
        }, e -> notify.accept(Notification.error("Could not add " + file.getFileName() + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + " Nothing was changed.")));
    }

    public void clearAdded() {
        added.clear();
        addedNames.set("");
    }

    /** Measures every model in the background; replaces a run in flight. */
    public void run() {
        Map<String, WeightsSnapshot> m = new java.util.LinkedHashMap<>(models.get());
        if (!m.isEmpty()) {
            m.putAll(added);   // files only beside a model of the app's own: the lab measures the current target
        }
        if (m.isEmpty()) {
            notify.accept(Notification.error("There is no model to measure yet."));
            return;
        }
        PointSampler sampler = target.get();
        int n = particles;
        long seed = 17;
        float[] data = sampler == null ? null : sampler.sample(4 * n, new SplittableRandom(seed + 1));
        int total = m.size() * (settings.size() + 1);
        running.set(true);
        progress.set(0);
        status.set("Measuring " + settings.size() + " solver settings × " + m.size() + " model(s)…");
        TaskRunner.Handle h = runner.submit(LANE, p -> {
            List<NfeLab.Result> out = new ArrayList<>();
            for (Map.Entry<String, WeightsSnapshot> e : m.entrySet()) {
                int before = out.size() * (settings.size() + 1);
                p.checkCancelled();
                out.add(NfeLab.run(e.getKey(), fields.velocity(e.getValue()), settings, n, seed, data,
                        (done, all) -> {
                            p.checkCancelled();
                            p.progress((before + done + 1) / (double) total);
                        }));
            }
            return new Done(out, NfeChart.render(out, CHART_WIDTH, CHART_HEIGHT));
        }, done -> {
            results.set(List.copyOf(done.results()));
            chart.set(done.chart());
            status.set(summary(done.results()));
        }, e -> {
            notify.accept(Notification.error("NFE lab: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage())));
            status.set("The run failed.");
        });
        request = h;
        progress.bind(h.progressProperty());
        h.whenStopped(() -> {
            if (request == h && !h.isCancelled()) {
                progress.unbind();
                running.set(false);
            }
        });
    }

    public void cancel() {
        if (request != null && !request.isDone()) {
            request.cancel();
            progress.unbind();
            progress.set(0);
            running.set(false);
            status.set("Cancelled.");
        }
    }

    private record Done(List<NfeLab.Result> results, Frame chart) {
    }

    private static String summary(List<NfeLab.Result> results) {
        StringBuilder s = new StringBuilder();
        for (NfeLab.Result r : results) {
            s.append(r.model()).append(": reference dopri5 at 1e-8 took ").append(r.referenceNfe()).append(" NFE");
            if (!Double.isNaN(r.referenceSw2())) {
                s.append(String.format(java.util.Locale.ROOT, ", SW₂ %.4f", r.referenceSw2()));
            }
            s.append(". ");
        }
        return s.toString().trim();
    }
}
