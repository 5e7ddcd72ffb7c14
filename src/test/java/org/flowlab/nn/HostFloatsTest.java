package org.flowlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The bulk copy gives exactly what ND4J's element-by-element copy gives, for every layout the code hands it. */
class HostFloatsTest {

    private static void same(INDArray x) {
        assertArrayEquals(x.dup('c').data().asFloat(), HostFloats.rowMajor(x), 0f, x.shapeInfoToString());
    }

    @Test
    void equalsNd4jCopyForVectorsMatricesAndViews() {
        Nd4j.getRandom().setSeed(7);
        INDArray c = Nd4j.rand(DataType.FLOAT, 5, 7);
        INDArray f = c.dup('f');
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 1000);
        same(c);
        same(f);
        same(flat);
        same(flat.reshape(1000));
        same(flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(300, 700)));   // offset view
        same(c.get(NDArrayIndex.interval(1, 4), NDArrayIndex.all()));                      // rows of C: contiguous
        same(f.get(NDArrayIndex.interval(1, 4), NDArrayIndex.all()));                      // rows of F: strided
        same(c.get(NDArrayIndex.all(), NDArrayIndex.point(3)));                            // a column of C
        same(f.get(NDArrayIndex.all(), NDArrayIndex.point(3)));                            // a column of F
        same(f.transpose());
        same(c.transpose());
        same(Nd4j.scalar(DataType.FLOAT, 2.5f));
        same(Nd4j.create(DataType.FLOAT, 0));
        same(Nd4j.rand(DataType.DOUBLE, 3, 4));
    }
}
