package fr.territoires.ia.spark;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/**
 * Finds the columns a caller named in a Dataset's schema, with the error every front door gives
 * when one is missing.
 *
 * <p>Stateless and safe for concurrent use; runs on the driver, when a job is set up.
 */
final class Columns {

    private Columns() {
    }

    /**
     * Returns the field of a named column.
     *
     * @param schema the Dataset's schema
     * @param name the column's name, as the caller gave it
     * @param role what the column is for ({@code "key"}, {@code "time"}...), for the message
     * @param data what the Dataset holds ({@code "readings"}, {@code "data"}), for the message
     * @return the field
     * @throws IllegalArgumentException when the name is null or not a column, naming the role,
     *     the name and the columns there are
     */
    static StructField find(StructType schema, @Nullable String name, String role, String data) {
        if (name == null) {
            throw new IllegalArgumentException(role + " column name must not be null");
        }
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException(role + " column \"" + name + "\" is not in the " + data
                + ", whose columns are " + List.of(schema.fieldNames()));
    }

    /**
     * The columns of a scored reading that every detection front door outputs, in order:
     * {@code score}, {@code alarm}, {@code expected}, {@code lower}, {@code upper}, {@code reason}.
     *
     * @return new fields, none nullable
     */
    static StructField[] scoreFields() {
        return new StructField[] {
            DataTypes.createStructField("score", DataTypes.DoubleType, false),
            DataTypes.createStructField("alarm", DataTypes.BooleanType, false),
            DataTypes.createStructField("expected", DataTypes.DoubleType, false),
            DataTypes.createStructField("lower", DataTypes.DoubleType, false),
            DataTypes.createStructField("upper", DataTypes.DoubleType, false),
            DataTypes.createStructField("reason", DataTypes.StringType, false)};
    }
}
