package org.flowlab.density;

import java.util.ArrayList;
import java.util.List;

/**
 * One class of a labelled target: its name (shown, and written as the label of {@code sample --class all}) and
 * its colour (0xRRGGBB; the palette, the particles and the exports use it).
 */
public record DensityClass(String name, int rgb) {

    /** At most this many classes (issue 15): a palette a person can tell apart. */
    public static final int MAX = 8;

    /** Tableau 10's first eight colours: distinct for most colour vision, readable on dark and light grounds. */
    public static final int[] PALETTE = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1,
        0xFF9DA7};

    public DensityClass {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("a class needs a name of 1 to 64 characters");
        }
        name = name.strip();
        rgb &= 0xFFFFFF;
    }

    /** Class k of the default palette, named "class k". */
    public static DensityClass standard(int k) {
        return new DensityClass("class " + k, PALETTE[k % PALETTE.length]);
    }

    /** Classes 0 … k−1 named by {@code names}, coloured by the palette. */
    public static List<DensityClass> named(List<String> names) {
        List<DensityClass> out = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            out.add(new DensityClass(names.get(k), PALETTE[k % PALETTE.length]));
        }
        return List.copyOf(out);
    }

    /** "#RRGGBB". */
    public String hex() {
        return String.format("#%06X", rgb);
    }

    /** Parses "#RRGGBB". */
    public static int parseHex(String s) {
        String v = s.strip();
        if (!v.matches("#[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("'" + s + "' is not a colour #RRGGBB");
        }
        return Integer.parseInt(v.substring(1), 16);
    }
}
