/**
 * Reading other programs' checkpoint series (safetensors, NumPy .npz, folders of .npy) into matrices per step, and
 * analysing them with the measurements the app already has (spectra, principal angles against a reference step,
 * update energy, layer alignment). May use engine, metrics, session and export; never ui, and prints nothing.
 */
package org.parsimonylab.checkpoints;
