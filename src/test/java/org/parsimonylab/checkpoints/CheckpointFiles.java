package org.parsimonylab.checkpoints;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Test writers of the checkpoint formats, written from the formats' specifications (not from the reader under test):
 * safetensors (u64 little-endian header length N, N bytes of JSON {name: {dtype, shape, data_offsets}} and an
 * optional {@code __metadata__} of strings, then the data), NumPy .npy 1.0 and .npz (a zip of .npy members, stored or
 * deflated, as np.savez and np.savez_compressed write them).
 */
public final class CheckpointFiles {
    private CheckpointFiles() {}

    /** A tensor to write: its dtype name as the format spells it, its shape, and its raw little-endian bytes. */
    public record Raw(String dtype, long[] shape, byte[] bytes) {}

    /** A tensor of doubles encoded as F64 / F32 (rounded to float) — safetensors names. */
    public static Raw tensor(String dtype, long[] shape, double[] values) {
        ByteBuffer b;
        switch (dtype) {
            case "F64" -> {
                b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : values) {
                    b.putDouble(v);
                }
            }
            case "F32" -> {
                b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : values) {
                    b.putFloat((float) v);
                }
            }
            case "BF16" -> {
                // Values must already be bfloat16 numbers: the upper 16 bits of their float are the whole value.
                b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : values) {
                    int bits = Float.floatToIntBits((float) v);
                    if ((bits & 0xFFFF) != 0) {
                        throw new IllegalArgumentException(v + " is not a bfloat16 number");
                    }
                    b.putShort((short) (bits >>> 16));
                }
            }
            default -> throw new IllegalArgumentException(dtype);
        }
        return new Raw(dtype, shape, b.array());
    }

    /** A tensor given by 16-bit patterns (F16 or BF16). */
    static Raw bits16(String dtype, long[] shape, short[] bits) {
        ByteBuffer b = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : bits) {
            b.putShort(s);
        }
        return new Raw(dtype, shape, b.array());
    }

    /** The safetensors bytes of {@code tensors} (in map order) with optional metadata. */
    public static byte[] safetensors(Map<String, Raw> tensors, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                json.append(first ? "" : ",")
                        .append('"')
                        .append(e.getKey())
                        .append("\":\"")
                        .append(e.getValue())
                        .append('"');
                first = false;
            }
            json.append("}");
        }
        long offset = 0;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<String, Raw> e : tensors.entrySet()) {
            Raw r = e.getValue();
            json.append(json.length() > 1 ? "," : "")
                    .append('"')
                    .append(e.getKey())
                    .append("\":{\"dtype\":\"")
                    .append(r.dtype())
                    .append("\",\"shape\":[");
            for (int i = 0; i < r.shape().length; i++) {
                json.append(i == 0 ? "" : ",").append(r.shape()[i]);
            }
            json.append("],\"data_offsets\":[")
                    .append(offset)
                    .append(',')
                    .append(offset + r.bytes().length)
                    .append("]}");
            offset += r.bytes().length;
            data.writeBytes(r.bytes());
        }
        json.append('}');
        // The spec allows trailing spaces in the header; pad to 8 bytes as the reference writer does.
        while (json.length() % 8 != 0) {
            json.append(' ');
        }
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(header.length).put(header).put(data.toByteArray());
        return out.array();
    }

    public static void writeSafetensors(Path file, Map<String, Raw> tensors, Map<String, String> metadata)
            throws IOException {
        Files.write(file, safetensors(tensors, metadata));
    }

    /** A .npy 1.0 file: descr '<f8', '<f4' or '<f2' from the safetensors dtype name, C order. */
    static byte[] npy(Raw r) {
        String descr =
                switch (r.dtype()) {
                    case "F64" -> "<f8";
                    case "F32" -> "<f4";
                    case "F16" -> "<f2";
                    default -> r.dtype(); // written as given, to test unsupported descriptors
                };
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < r.shape().length; i++) {
            shape.append(i == 0 ? "" : ", ").append(r.shape()[i]);
        }
        shape.append(r.shape().length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        String text = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b =
                ByteBuffer.allocate(10 + text.length() + r.bytes().length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII)).put(r.bytes());
        return b.array();
    }

    /** A .npz archive of {@code tensors} as members {@code name.npy}, stored or deflated. */
    static byte[] npz(Map<String, Raw> tensors, boolean deflated) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, Raw> e : tensors.entrySet()) {
                byte[] member = npy(e.getValue());
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                if (deflated) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(member);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(member.length);
                    entry.setCompressedSize(member.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(member);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static void writeNpz(Path file, Map<String, Raw> tensors, boolean deflated) throws IOException {
        Files.write(file, npz(tensors, deflated));
    }

    /** A folder of .npy files, one per tensor. */
    public static void writeNpyFolder(Path dir, Map<String, Raw> tensors) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, Raw> e : tensors.entrySet()) {
            Files.write(dir.resolve(e.getKey() + ".npy"), npy(e.getValue()));
        }
    }

    /** Writes {@code bytes} to {@code out} in two parts with a pause between, as a slow writer would. */
    public static void writeSlowly(OutputStream out, byte[] bytes, long pauseMillis)
            throws IOException, InterruptedException {
        int half = bytes.length / 2;
        out.write(bytes, 0, half);
        out.flush();
        Thread.sleep(pauseMillis);
        out.write(bytes, half, bytes.length - half);
        out.flush();
    }

    /** An ordered map, for readability. */
    @SafeVarargs
    public static Map<String, Raw> of(Map.Entry<String, Raw>... entries) {
        Map<String, Raw> m = new LinkedHashMap<>();
        for (Map.Entry<String, Raw> e : entries) {
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }
}
