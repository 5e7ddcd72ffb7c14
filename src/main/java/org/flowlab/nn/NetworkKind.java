package org.flowlab.nn;

import java.util.Locale;

/** The two reference architectures. */
public enum NetworkKind {
    /** An MLP on [x, y, t] (or [x, y, Fourier(t)]) with SiLU hidden layers. */
    MLP,
    /** A small skip-connected MLP ("U-Net") with Gaussian Fourier time features added in every hidden layer. */
    UNET;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NetworkKind byId(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "mlp" -> MLP;
            case "unet", "u-net" -> UNET;
            default -> throw new IllegalArgumentException("unknown net '" + id + "'; choose mlp or unet");
        };
    }
}
