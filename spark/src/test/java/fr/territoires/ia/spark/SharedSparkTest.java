package fr.territoires.ia.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SharedSparkTest {

    @Test
    void oneSessionOnTwoLocalCoresRunsAJob() {
        assertSame(SharedSpark.session(), SharedSpark.session());
        assertEquals("local[2]", SharedSpark.session().sparkContext().master());
        Dataset<Row> ids = SharedSpark.session().range(0, 1000).toDF("id");
        assertEquals(499_500L, ids.groupBy().sum("id").first().getLong(0));
    }
}
