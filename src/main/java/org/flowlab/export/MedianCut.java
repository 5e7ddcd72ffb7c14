package org.flowlab.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Median-cut colour quantisation on a 15-bit (5-5-5) histogram: repeatedly split the box with the most pixels
 * along its widest channel at the pixel-weighted median, until there are k boxes; each box's colour is its
 * pixel-weighted mean. Deterministic.
 */
final class MedianCut {

    private MedianCut() {
    }

    static int key(int argb) {
        return ((argb >> 9) & 0x7C00) | ((argb >> 6) & 0x3E0) | ((argb >> 3) & 0x1F);
    }

    /** Up to k opaque colours (fewer when the image has fewer distinct 15-bit colours; the rest black). */
    static int[] palette(int[] pixels, int k) {
        long[] hist = new long[1 << 15];
        for (int p : pixels) {
            hist[key(p)]++;
        }
        List<int[]> boxes = new ArrayList<>();
        int[] all = new int[1 << 15];
        int n = 0;
        for (int c = 0; c < hist.length; c++) {
            if (hist[c] > 0) {
                all[n++] = c;
            }
        }
        boxes.add(java.util.Arrays.copyOf(all, n));
        while (boxes.size() < k) {
            int best = -1;
            long bestCount = 1;
            for (int i = 0; i < boxes.size(); i++) {
                int[] box = boxes.get(i);
                if (box.length < 2) {
                    continue;
                }
                long count = 0;
                for (int c : box) {
                    count += hist[c];
                }
                if (count > bestCount) {
                    bestCount = count;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            int[] box = boxes.remove(best);
            int channel = widest(box);
            Integer[] sorted = new Integer[box.length];
            for (int i = 0; i < box.length; i++) {
                sorted[i] = box[i];
            }
            java.util.Arrays.sort(sorted, Comparator.comparingInt((Integer c) -> channel(c, channel))
                    .thenComparingInt(c -> c));
            long half = bestCount / 2;
            long acc = 0;
            int cut = 1;
            for (int i = 0; i < sorted.length - 1; i++) {
                acc += hist[sorted[i]];
                if (acc >= half) {
                    cut = i + 1;
                    break;
                }
                cut = i + 1;
            }
            int[] a = new int[cut];
            int[] b = new int[sorted.length - cut];
            for (int i = 0; i < sorted.length; i++) {
                if (i < cut) {
                    a[i] = sorted[i];
                } else {
                    b[i - cut] = sorted[i];
                }
            }
            boxes.add(a);
            boxes.add(b);
        }
        int[] out = new int[k];
        for (int i = 0; i < boxes.size() && i < k; i++) {
            double r = 0;
            double g = 0;
            double bl = 0;
            long w = 0;
            for (int c : boxes.get(i)) {
                long h = hist[c];
                r += h * (((c >> 10) & 31) * 255.0 / 31);
                g += h * (((c >> 5) & 31) * 255.0 / 31);
                bl += h * ((c & 31) * 255.0 / 31);
                w += h;
            }
            out[i] = w == 0 ? 0xFF000000 : 0xFF000000 | ((int) Math.round(r / w) << 16)
                    | ((int) Math.round(g / w) << 8) | (int) Math.round(bl / w);
        }
        for (int i = boxes.size(); i < k; i++) {
            out[i] = 0xFF000000;
        }
        return out;
    }

    private static int channel(int c, int ch) {
        return (c >> (10 - 5 * ch)) & 31;
    }

    private static int widest(int[] box) {
        int best = 0;
        int bestRange = -1;
        for (int ch = 0; ch < 3; ch++) {
            int lo = 31;
            int hi = 0;
            for (int c : box) {
                int v = channel(c, ch);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (hi - lo > bestRange) {
                bestRange = hi - lo;
                best = ch;
            }
        }
        return best;
    }

    /** For every 15-bit colour, the index of the nearest palette entry (squared RGB distance). */
    static byte[] lookupTable(int[] palette) {
        byte[] lut = new byte[1 << 15];
        for (int c = 0; c < lut.length; c++) {
            int r = ((c >> 10) & 31) * 255 / 31;
            int g = ((c >> 5) & 31) * 255 / 31;
            int b = (c & 31) * 255 / 31;
            int best = 0;
            int bestD = Integer.MAX_VALUE;
            for (int i = 0; i < palette.length; i++) {
                int dr = r - ((palette[i] >> 16) & 0xFF);
                int dg = g - ((palette[i] >> 8) & 0xFF);
                int db = b - (palette[i] & 0xFF);
                int d = dr * dr + dg * dg + db * db;
                if (d < bestD) {
                    bestD = d;
                    best = i;
                }
            }
            lut[c] = (byte) best;
        }
        return lut;
    }
}
