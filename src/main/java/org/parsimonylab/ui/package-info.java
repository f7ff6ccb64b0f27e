/**
 * The JavaFX desktop app. The only package that imports javafx; depends on session and below.
 */
package org.parsimonylab.ui;
