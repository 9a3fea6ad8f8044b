package fr.territoires.ia.core.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.Tribuo;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.protos.core.OutputProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.math.optimisers.AdaGrad;

class TribuoModelsTest {

    private static final String KIND = "test.tribuo-linear-regression";
    private static final RegressionFactory FACTORY = new RegressionFactory();
    private static final double[] PROBES = {-3.0, 0.0, 0.5, 2.25, 10.0};

    private static Model<Regressor> model;

    @TempDir
    Path dir;

    /** Trains a linear SGD regression on 50 rows of y = 2x + 1, x = 0, 0.1, ..., 4.9. */
    @BeforeAll
    static void train() {
        MutableDataset<Regressor> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("synthetic y = 2x + 1", FACTORY), FACTORY);
        for (int i = 0; i < 50; i++) {
            double x = i / 10.0;
            data.add(new ArrayExample<>(new Regressor("y", 2 * x + 1), new String[] {"x"},
                    new double[] {x}));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.5), 200, 42L);
        model = trainer.train(data);
    }

    private static double predict(Model<Regressor> m, double x) {
        return m.predict(new ArrayExample<>(FACTORY.getUnknownOutput(), new String[] {"x"},
                new double[] {x})).getOutput().getValues()[0];
    }

    @Test
    void fromProtobuf_throughSavedModelFile_predictsExactlyAsOriginal() throws IOException {
        ModelCard card = TribuoModels.cardBuilder("linear y = 2x + 1", model).build();
        ModelFile file = ModelFile.of(KIND, 1, ModelFile.Encoding.TRIBUO_PROTOBUF, card,
                TribuoModels.toProtobuf(model));
        Path path = dir.resolve("linear.tia");
        file.save(path);

        ModelFile loadedFile = ModelFile.load(path, KIND);
        assertEquals(card, loadedFile.card());
        Model<Regressor> loaded = TribuoModels.fromProtobuf(loadedFile.payload(), path.toString(),
                Regressor.class);
        for (double x : PROBES) {
            assertEquals(predict(model, x), predict(loaded, x), 0.0, "x = " + x);
        }
        assertEquals(model.getProvenance(), loaded.getProvenance());
    }

    @Test
    void train_yIsTwoXPlusOne_learnsTheLineApproximately() {
        // Sanity check that the fixture is a real fitted model: y(0) = 1, y(2.25) = 5.5,
        // within a loose tolerance since SGD is approximate.
        assertEquals(1.0, predict(model, 0.0), 0.3);
        assertEquals(5.5, predict(model, 2.25), 0.3);
    }

    @Test
    void fromProtobuf_untyped_returnsRegressionModel() {
        Model<?> loaded = TribuoModels.fromProtobuf(TribuoModels.toProtobuf(model), "memory");
        assertTrue(loaded.validate(Regressor.class));
    }

    @Test
    void fromProtobuf_classOutsideTribuo_isRejectedBeforeLoading() {
        ModelProto proto = model.serialize().toBuilder().setClassName("java.lang.Runtime").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TribuoModels.fromProtobuf(proto.toByteArray(), "evil.tia"));
        assertEquals("evil.tia names model class \"java.lang.Runtime\", which is not under"
                + " org.tribuo.: refusing to load it", e.getMessage());
    }

    @Test
    void fromProtobuf_unknownTribuoClass_throwsWithCause() {
        ModelProto proto = model.serialize().toBuilder()
                .setClassName("org.tribuo.DoesNotExist").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TribuoModels.fromProtobuf(proto.toByteArray(), "odd.tia"));
        assertTrue(e.getMessage().startsWith(
                "odd.tia: Tribuo cannot rebuild model class org.tribuo.DoesNotExist"), e.getMessage());
        assertTrue(e.getCause() instanceof RuntimeException);
    }

    @Test
    void fromProtobuf_invalidBytes_namesSourceAndKeepsCause() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TribuoModels.fromProtobuf(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}, "junk.bin"));
        assertTrue(e.getMessage().startsWith("junk.bin does not hold a valid Tribuo model protobuf"),
                e.getMessage());
        assertInstanceOf(InvalidProtocolBufferException.class, e.getCause());
    }

    @Test
    void fromProtobuf_emptyBytes_isRejected() {
        // An empty message parses as a ModelProto with an empty class name.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TribuoModels.fromProtobuf(new byte[0], "empty.bin"));
        assertTrue(e.getMessage().contains("names model class \"\""), e.getMessage());
    }

    @Test
    void fromProtobuf_otherOutputType_namesBothTypes() {
        byte[] bytes = TribuoModels.toProtobuf(model);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TribuoModels.fromProtobuf(bytes, "linear.tia", Other.class));
        assertEquals("linear.tia holds a model predicting org.tribuo.regression.Regressor,"
                + " expected " + Other.class.getName(), e.getMessage());
    }

    @Test
    void provenance_trainedModel_hasTrainerVersionsAndOrder() {
        Map<String, String> p = TribuoModels.provenance(model);
        assertEquals(LinearSGDTrainer.class.getName(), p.get("trainer.class-name"));
        assertEquals(Tribuo.VERSION, p.get("tribuo-version"));
        assertEquals("200", p.get("trainer.epochs"));
        assertEquals("42", p.get("trainer.seed"));
        assertEquals("50", p.get("dataset.num-examples"));
        assertEquals(System.getProperty("java.version"), p.get("java-version"));
        assertEquals(System.getProperty("os.arch"), p.get("os-arch"));
        assertTrue(p.containsKey("trained-at"), p.toString());
        // Tribuo's order: the model class first.
        assertEquals("class-name", p.keySet().iterator().next());
        assertEquals(p, TribuoModels.provenance(model));
    }

    @Test
    void cardBuilder_trainedModel_fillsDetails() {
        ModelCard card = TribuoModels.cardBuilder("linear", model).build();
        assertEquals(LinearSGDTrainer.class.getName(), card.details().algorithm());
        assertEquals(OptionalLong.of(42L), card.details().seed());
        assertEquals("200", card.details().options().get("epochs"));
        assertEquals(model.getProvenance().getTrainingTime().toInstant(),
                card.details().trainedAt().orElseThrow());
        assertEquals(TribuoModels.provenance(model), card.details().provenance());
        assertEquals(card, ModelCard.fromJson(card.toJson()));
    }

    /** An output type no model of this test predicts. */
    private static final class Other implements Output<Other> {
        private static final long serialVersionUID = 1L;

        @Override
        public Other copy() {
            return this;
        }

        @Override
        public String getSerializableForm(boolean includeConfidence) {
            return "other";
        }

        @Override
        public boolean fullEquals(Other other) {
            return true;
        }

        @Override
        public OutputProto serialize() {
            throw new UnsupportedOperationException("never serialised");
        }
    }
}
