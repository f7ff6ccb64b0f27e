/**
 * Linear algebra: the {@link org.parsimonylab.engine.linalg.LinAlg} backends (netlib BLAS/LAPACK, EJML), Haar-orthogonal matrices, seeded random streams. May depend on nothing else in the project.
 */
package org.parsimonylab.engine.linalg;
