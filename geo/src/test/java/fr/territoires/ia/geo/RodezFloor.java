package fr.territoires.ia.geo;

/** Options and floors of the Rodez benchmark, shared by its test and tuning runs. */
final class RodezFloor {

    /**
     * Options of the benchmark: the defaults (one XGBoost thread). One thread gives the same
     * trees as two (hist method) and avoids OpenMP threads spinning against each other on a
     * shared 2-core machine, where two threads made the cross-validation 5 times slower.
     */
    static final ShapeClassifier.Options OPTIONS = ShapeClassifier.Options.defaults();

    /**
     * Floor asked by the issue, held in CI: measured 0.3650 with the defaults (seed 42). The
     * margin is within the seed's noise: over seeds 42, 1, 2, 3 and 4 the same cross-validation
     * gives 0.365, 0.362, 0.347, 0.345 and 0.356 (mean 0.355), since four classes have 7 to 22
     * buildings.
     */
    static final double MACRO_F1 = 0.36;

    /**
     * Floor asked by the issue; measured 0.560 (seed 42) and 0.56 at two decimals with seeds 1
     * to 4 (0.570 with the former defaults, which predicted the most probable class).
     */
    static final double INDUSTRIAL_F1 = 0.55;

    private RodezFloor() {
    }
}
