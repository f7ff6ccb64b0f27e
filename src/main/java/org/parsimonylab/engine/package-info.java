/**
 * Engine: deep linear networks and MLPs, data, training. Plain Java, EJML and netlib BLAS/LAPACK only; no JavaFX, AWT, Jackson, picocli or printing. Depends on nothing else in the project.
 */
package org.parsimonylab.engine;
