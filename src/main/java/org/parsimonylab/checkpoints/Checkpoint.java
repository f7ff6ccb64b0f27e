package org.parsimonylab.checkpoints;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * One checkpoint of a series: a safetensors file, a NumPy .npz archive or a folder of .npy files, opened by reading
 * only its header (or zip directory); tensor values are read on demand, one tensor at a time, so memory holds at most
 * the tensor being analysed. Opening checks that every tensor's data lies inside the file, so a half-written file is
 * refused instead of misread.
 */
public final class Checkpoint {
    /** safetensors refuses headers above 100 MB; so do we, before allocating. */
    private static final long MAX_HEADER = 100L << 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final int CHUNK = 1 << 16;

    private final Path path;
    private final CheckpointFormat format;
    private final long step;
    private final boolean stepFromMetadata;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, Long> offsets;
    private final Map<String, NpyHeader> npyHeaders;

    private Checkpoint(
            Path path,
            CheckpointFormat format,
            long step,
            boolean stepFromMetadata,
            Map<String, TensorInfo> tensors,
            Map<String, Long> offsets,
            Map<String, NpyHeader> npyHeaders) {
        this.path = path;
        this.format = format;
        this.step = step;
        this.stepFromMetadata = stepFromMetadata;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.offsets = offsets;
        this.npyHeaders = npyHeaders;
    }

    /** Whether {@code p} looks like a checkpoint by its name: a .safetensors or .npz file, or a folder of .npy files. */
    public static boolean isCandidate(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith(".")) {
            return false; // hidden: writers' temporary files
        }
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                return s.anyMatch(f -> f.getFileName().toString().endsWith(".npy"));
            } catch (IOException e) {
                return false;
            }
        }
        return name.endsWith(".safetensors") || name.endsWith(".npz");
    }

    /** Opens the checkpoint at {@code p}, its format told by the extension (a folder: .npy files). */
    public static Checkpoint open(Path p) throws IOException {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(p)) {
            return openNpyFolder(p);
        }
        if (!Files.isRegularFile(p)) {
            throw new CheckpointException(p + ": no such checkpoint file or folder");
        }
        if (name.endsWith(".safetensors")) {
            return openSafetensors(p);
        }
        if (name.endsWith(".npz")) {
            return openNpz(p);
        }
        throw new CheckpointException(p + ": not a checkpoint (supported: .safetensors, .npz, a folder of .npy files)");
    }

    /** The file or folder. */
    public Path path() {
        return path;
    }

    /** The layout. */
    public CheckpointFormat format() {
        return format;
    }

    /** The step: {@code __metadata__.step} of a safetensors file when present, else {@link StepNames#fromName}. */
    public long step() {
        return step;
    }

    /** Whether the step came from the file's metadata (true) or its name (false). */
    public boolean stepFromMetadata() {
        return stepFromMetadata;
    }

    /** The tensors in natural name order ({@link StepNames#NATURAL}). */
    public List<TensorInfo> tensors() {
        return List.copyOf(tensors.values());
    }

    /** The tensor called {@code name}, or null. */
    public TensorInfo tensor(String name) {
        return tensors.get(name);
    }

    /** The values of tensor {@code name} in C order, converted exactly to double. */
    public double[] read(String name) throws IOException {
        TensorInfo t = tensors.get(name);
        if (t == null) {
            throw new CheckpointException(path + ": no tensor '" + name + "'");
        }
        if (t.dtype() == null) {
            throw new CheckpointException(path + ": tensor '" + name + "' has dtype " + t.dtypeName()
                    + ", which is not supported (supported: " + Dtype.SUPPORTED + ")");
        }
        if (t.count() > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(path + ": tensor '" + name + "' of shape " + t.shapeText() + " is too large");
        }
        double[] out = new double[(int) t.count()];
        try {
            switch (format) {
                case SAFETENSORS -> {
                    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                        readChannel(ch, offsets.get(name), t.dtype(), ByteOrder.LITTLE_ENDIAN, out);
                    }
                }
                case NPY_FOLDER -> {
                    NpyHeader h = npyHeaders.get(name);
                    try (FileChannel ch = FileChannel.open(path.resolve(name + ".npy"), StandardOpenOption.READ)) {
                        readChannel(ch, h.dataOffset(), t.dtype(), h.order(), out);
                    }
                    return h.fortranOrder() ? fromFortran(out, t, name) : out;
                }
                case NPZ -> {
                    NpyHeader h = npyHeaders.get(name);
                    try (ZipFile zip = new ZipFile(path.toFile());
                            InputStream in = new BufferedInputStream(zip.getInputStream(zip.getEntry(name + ".npy")))) {
                        in.skipNBytes(h.dataOffset());
                        readStream(in, t.dtype(), h.order(), out);
                    }
                    return h.fortranOrder() ? fromFortran(out, t, name) : out;
                }
            }
        } catch (EOFException e) {
            throw new CheckpointException(path + ": file ends inside tensor '" + name + "' (truncated)", e);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot read tensor '" + name + "': " + e.getMessage(), e);
        }
        return out;
    }

    private double[] fromFortran(double[] data, TensorInfo t, String name) throws CheckpointException {
        long[] s = t.shape();
        if (s.length <= 1) {
            return data;
        }
        if (s.length != 2) {
            throw new CheckpointException(path + ": tensor '" + name + "' is in Fortran order with " + s.length
                    + " dimensions (supported: C order, or Fortran order for matrices)");
        }
        int rows = (int) s[0];
        int cols = (int) s[1];
        double[] c = new double[data.length];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                c[i * cols + j] = data[j * rows + i];
            }
        }
        return c;
    }

    private static void readChannel(FileChannel ch, long offset, Dtype dtype, ByteOrder order, double[] out)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * dtype.bytes()).order(order);
        long pos = offset;
        for (int start = 0; start < out.length; start += CHUNK) {
            int n = Math.min(CHUNK, out.length - start);
            buf.clear().limit(n * dtype.bytes());
            while (buf.hasRemaining()) {
                int read = ch.read(buf, pos);
                if (read < 0) {
                    throw new EOFException();
                }
                pos += read;
            }
            buf.flip();
            dtype.decode(buf, out, start, n);
        }
    }

    private static void readStream(InputStream in, Dtype dtype, ByteOrder order, double[] out) throws IOException {
        byte[] bytes = new byte[CHUNK * dtype.bytes()];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
        for (int start = 0; start < out.length; start += CHUNK) {
            int n = Math.min(CHUNK, out.length - start);
            int len = n * dtype.bytes();
            if (in.readNBytes(bytes, 0, len) < len) {
                throw new EOFException();
            }
            buf.clear().limit(len);
            dtype.decode(buf, out, start, n);
        }
    }

    // ---- safetensors: u64 little-endian N, N bytes of JSON, then the byte buffer the data_offsets index ----

    private static Checkpoint openSafetensors(Path p) throws IOException {
        long size = Files.size(p);
        if (size < 8) {
            throw new CheckpointException(p + ": file of " + size + " bytes is shorter than the 8-byte header length"
                    + " (truncated safetensors)");
        }
        JsonNode header;
        long headerLength;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            headerLength = len.flip().getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER) {
                throw new CheckpointException(p + ": header length " + Long.toUnsignedString(headerLength)
                        + " is not plausible (2 to 100 MB); not a safetensors file");
            }
            if (8 + headerLength > size) {
                throw new CheckpointException(p + ": header length " + headerLength + " reaches beyond the end of the "
                        + size + "-byte file (truncated or not safetensors)");
            }
            ByteBuffer text = ByteBuffer.allocate((int) headerLength);
            readFully(ch, text, 8);
            try {
                header = JSON.readTree(new String(text.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CheckpointException(p + ": the JSON header is malformed: " + firstLine(e.getMessage()), e);
            }
        }
        if (header == null || !header.isObject()) {
            throw new CheckpointException(p + ": the header is not a JSON object");
        }
        long dataStart = 8 + headerLength;
        long dataBytes = size - dataStart;
        long step = -1;
        boolean fromMetadata = false;
        List<String> names = new ArrayList<>();
        Map<String, TensorInfo> found = new LinkedHashMap<>();
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (name.equals("__metadata__")) {
                JsonNode s = v.get("step");
                if (s != null) {
                    try {
                        step = Long.parseLong(s.asText().strip());
                    } catch (NumberFormatException ex) {
                        step = -2;
                    }
                    if (step < 0) {
                        throw new CheckpointException(
                                p + ": __metadata__ step '" + s.asText() + "' is not a non-negative integer");
                    }
                    fromMetadata = true;
                }
                continue;
            }
            JsonNode dtype = v.get("dtype");
            JsonNode shape = v.get("shape");
            JsonNode offs = v.get("data_offsets");
            if (dtype == null
                    || !dtype.isTextual()
                    || shape == null
                    || !shape.isArray()
                    || offs == null
                    || !offs.isArray()
                    || offs.size() != 2) {
                throw new CheckpointException(
                        p + ": tensor '" + name + "' needs dtype, shape and data_offsets [begin, end] in the header");
            }
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.get(i).canConvertToLong() ? shape.get(i).asLong() : -1;
                if (dims[i] < 0) {
                    throw new CheckpointException(p + ": tensor '" + name + "' has an invalid shape " + shape);
                }
            }
            long begin = offs.get(0).asLong(-1);
            long end = offs.get(1).asLong(-1);
            Dtype dt = Dtype.ofSafetensors(dtype.asText());
            TensorInfo info = new TensorInfo(name, dt, dtype.asText(), dims);
            if (begin < 0 || end < begin) {
                throw new CheckpointException(p + ": tensor '" + name + "' has invalid data_offsets " + offs);
            }
            if (end > dataBytes) {
                throw new CheckpointException(p + ": tensor '" + name + "' ends at byte " + end + " of the data but"
                        + " the file holds only " + dataBytes + " (truncated)");
            }
            if (dt != null && end - begin != info.count() * dt.bytes()) {
                throw new CheckpointException(p + ": tensor '" + name + "' of shape " + info.shapeText() + " and dtype "
                        + dt + " needs " + info.count() * dt.bytes() + " bytes, data_offsets give " + (end - begin));
            }
            names.add(name);
            found.put(name, info);
            offsets.put(name, dataStart + begin);
        }
        if (!fromMetadata) {
            step = stepFromName(p);
        }
        return new Checkpoint(
                p, CheckpointFormat.SAFETENSORS, step, fromMetadata, sorted(names, found), offsets, Map.of());
    }

    // ---- .npz: a zip of .npy members; the central directory at the end of the file proves the write finished ----

    private static Checkpoint openNpz(Path p) throws IOException {
        List<String> names = new ArrayList<>();
        Map<String, TensorInfo> found = new LinkedHashMap<>();
        Map<String, NpyHeader> headers = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(p.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    continue;
                }
                String name = e.getName().substring(0, e.getName().length() - 4);
                String where = p + " (member " + e.getName() + ")";
                NpyHeader h;
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e))) {
                    h = NpyHeader.read(in, where);
                } catch (ZipException ex) {
                    throw new CheckpointException(where + ": " + firstLine(ex.getMessage()), ex);
                }
                if (h.dtype() != null && e.getSize() >= 0 && e.getSize() != h.dataOffset() + h.dataBytes()) {
                    throw new CheckpointException(where + ": holds " + e.getSize() + " bytes but shape "
                            + java.util.Arrays.toString(h.shape()) + " of " + h.descr() + " needs "
                            + (h.dataOffset() + h.dataBytes()));
                }
                names.add(name);
                found.put(name, h.info(name));
                headers.put(name, h);
            }
        } catch (ZipException e) {
            throw new CheckpointException(
                    p + ": not a complete .npz (zip) archive: " + firstLine(e.getMessage())
                            + " (truncated or still being written)",
                    e);
        }
        return new Checkpoint(p, CheckpointFormat.NPZ, stepFromName(p), false, sorted(names, found), Map.of(), headers);
    }

    // ---- a folder of .npy files, one tensor each ----

    private static Checkpoint openNpyFolder(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".npy")
                            && !f.getFileName().toString().startsWith("."))
                    .toList();
        }
        if (files.isEmpty()) {
            throw new CheckpointException(dir + ": folder holds no .npy files");
        }
        List<String> names = new ArrayList<>();
        Map<String, TensorInfo> found = new LinkedHashMap<>();
        Map<String, NpyHeader> headers = new LinkedHashMap<>();
        for (Path f : files) {
            String file = f.getFileName().toString();
            String name = file.substring(0, file.length() - 4);
            NpyHeader h;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f))) {
                h = NpyHeader.read(in, f.toString());
            }
            long size = Files.size(f);
            if (h.dtype() != null && size < h.dataOffset() + h.dataBytes()) {
                throw new CheckpointException(f + ": holds " + size + " bytes but shape "
                        + java.util.Arrays.toString(h.shape()) + " of " + h.descr() + " needs "
                        + (h.dataOffset() + h.dataBytes()) + " (truncated)");
            }
            names.add(name);
            found.put(name, h.info(name));
            headers.put(name, h);
        }
        return new Checkpoint(
                dir, CheckpointFormat.NPY_FOLDER, stepFromName(dir), false, sorted(names, found), Map.of(), headers);
    }

    private static long stepFromName(Path p) throws CheckpointException {
        long step = StepNames.fromName(p.getFileName().toString());
        if (step < 0) {
            throw new CheckpointException(p + ": cannot tell the step: put it in the name (e.g. step-000100,"
                    + " ckpt_100, epoch=3-step=1200) or, for safetensors, in __metadata__ {\"step\": \"100\"}");
        }
        return step;
    }

    private static Map<String, TensorInfo> sorted(List<String> names, Map<String, TensorInfo> found) {
        names.sort(StepNames.NATURAL);
        Map<String, TensorInfo> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, found.get(n));
        }
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new EOFException();
            }
            pos += n;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    @Override
    public String toString() {
        return path + " (step " + step + ", " + tensors.size() + " tensors)";
    }
}
