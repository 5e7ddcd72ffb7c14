package org.flowlab.export;

import org.flowlab.render.FlowScene;
import org.flowlab.render.Frame;

/**
 * The frames of an animation, rendered one at a time into a reused {@link Frame}: frames over t of one model
 * ({@link Animator#animate(AnimationSource, AnimationSettings, FrameSink, Animator.Progress)}) or over training
 * ({@link TrainingMovie}). Rendered on one helper thread, in order.
 */
public interface FrameSource {

    /** How many frames. */
    int frames();

    /** Draws frame k (0 ≤ k &lt; {@link #frames()}) into {@code frame}. */
    void render(FlowScene scene, Frame frame, int k);

    /** The domain half width L the scene draws ([−L, L]²). */
    double halfWidth();
}
