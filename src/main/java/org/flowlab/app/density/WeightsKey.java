package org.flowlab.app.density;

import org.flowlab.nn.WeightsSnapshot;

/**
 * Weights identified by value: two snapshots with the same config, step and parameters get equal keys, any other
 * two (with overwhelming probability) different ones. Computing one reads every parameter once.
 *
 * @param paramsHash a 64-bit FNV-1a hash of the parameters' bits
 */
record WeightsKey(long step, int configHash, int length, long paramsHash) {

    static WeightsKey of(WeightsSnapshot w) {
        long h = 0xCBF2_9CE4_8422_2325L;
        for (float p : w.params()) {
            h ^= Float.floatToIntBits(p);
            h *= 0x0000_0100_0000_01B3L;
        }
        return new WeightsKey(w.step(), w.config().hashCode(), w.params().length, h);
    }
}
