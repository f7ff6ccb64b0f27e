package org.parsimonylab.checkpoints;

/** The checkpoint layouts read without Python. */
public enum CheckpointFormat {
    /** One {@code .safetensors} file: 8-byte little-endian header length, JSON header, raw little-endian data. */
    SAFETENSORS,
    /** One NumPy {@code .npz} archive (zip, stored or deflated) of {@code .npy} members. */
    NPZ,
    /** A folder of {@code .npy} files, one tensor each. */
    NPY_FOLDER
}
