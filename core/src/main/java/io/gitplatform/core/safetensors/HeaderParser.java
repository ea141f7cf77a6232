package io.gitplatform.core.safetensors;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a safetensors header. Streams the JSON (rather than building a tree) to keep header order, to
 * see duplicate names, and to know which tensor a bad field belongs to.
 */
final class HeaderParser {

    static final String METADATA_KEY = "__metadata__";

    /** The parsed header: tensors in header order, and the free-form string metadata. */
    record Header(Map<String, TensorEntry> entries, Map<String, String> metadata) {
    }

    private final Path file;

    private HeaderParser(Path file) {
        this.file = file;
    }

    /** Parses {@code json} (the header bytes) for a file whose data section is {@code dataSize} bytes. */
    static Header parse(Path file, byte[] json, long dataSize) {
        HeaderParser parser = new HeaderParser(file);
        Header header = parser.read(parser.decode(json));
        parser.checkLayout(header.entries().values(), dataSize);
        return header;
    }

    private String decode(byte[] json) {
        // The reference rejects a header not starting with '{' (leading spaces included); so do we.
        if (json[0] != '{') {
            throw new CheckpointException(file, "header is not a JSON object (it starts with byte 0x"
                    + Integer.toHexString(json[0] & 0xff) + ", not '{')");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(file, "header is not valid UTF-8", e);
        }
    }

    private Header read(String json) {
        Map<String, TensorEntry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = null;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (name.equals(METADATA_KEY)) {
                    if (metadata != null) {
                        throw new CheckpointException(file, "header has " + METADATA_KEY + " twice");
                    }
                    metadata = readMetadata(reader);
                } else if (entries.put(name, readEntry(reader, name)) != null) {
                    throw CheckpointException.tensor(file, name, "appears twice in the header");
                }
            }
            reader.endObject();
            requireEnd(reader);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Gson reports malformed JSON (MalformedJsonException, EOFException) and wrong tokens this way.
            throw new CheckpointException(file, "header is not valid JSON: " + gsonProblem(e), e);
        }
        return new Header(Collections.unmodifiableMap(entries),
                metadata == null ? Map.of() : Collections.unmodifiableMap(metadata));
    }

    private void requireEnd(JsonReader reader) throws IOException {
        try {
            reader.peek(); // strict Gson accepts only whitespace (the reference's space padding) after the object
        } catch (MalformedJsonException e) {
            throw new CheckpointException(file, "header has content after its JSON object", e);
        }
    }

    /** Gson's message without its advice to parse leniently, which is not an option here. */
    private static String gsonProblem(Exception e) {
        String message = String.valueOf(e.getMessage());
        int see = message.indexOf("\nSee ");
        return (see < 0 ? message : message.substring(0, see))
                .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
    }

    private Map<String, String> readMetadata(JsonReader reader) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (reader.peek() == JsonToken.NULL) {
            reader.nextNull();
            return metadata;
        }
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            throw new CheckpointException(file, METADATA_KEY + " is a " + reader.peek() + ", not an object");
        }
        reader.beginObject();
        while (reader.hasNext()) {
            String key = reader.nextName();
            if (reader.peek() != JsonToken.STRING) {
                throw new CheckpointException(file, METADATA_KEY + " value of '" + key + "' is a " + reader.peek()
                        + ", not a string");
            }
            metadata.put(key, reader.nextString());
        }
        reader.endObject();
        return metadata;
    }

    private TensorEntry readEntry(JsonReader reader, String name) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            throw CheckpointException.tensor(file, name, "entry is a " + reader.peek() + ", not an object");
        }
        String dtypeName = null;
        long[] shape = null;
        long[] offsets = null;
        reader.beginObject();
        while (reader.hasNext()) {
            switch (reader.nextName()) {
                case "dtype" -> dtypeName = readString(reader, name, "dtype");
                case "shape" -> shape = readIntegers(reader, name, "shape");
                case "data_offsets" -> offsets = readIntegers(reader, name, "data_offsets");
                default -> reader.skipValue(); // the reference ignores unknown fields
            }
        }
        reader.endObject();
        if (dtypeName == null || shape == null || offsets == null) {
            throw CheckpointException.tensor(file, name, "entry lacks "
                    + (dtypeName == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
        }
        String dtypeText = dtypeName;
        Dtype dtype = Dtype.parse(dtypeText).orElseThrow(() -> CheckpointException.tensor(file, name,
                "unknown dtype '" + dtypeText + "' (known: " + Arrays.toString(Dtype.values()) + ")"));
        return validEntry(name, dtype, shape, offsets);
    }

    private TensorEntry validEntry(String name, Dtype dtype, long[] shape, long[] offsets) {
        for (long d : shape) {
            if (d < 0) {
                throw CheckpointException.tensor(file, name, "shape " + Arrays.toString(shape)
                        + " has a negative dimension");
            }
        }
        if (offsets.length != 2) {
            throw CheckpointException.tensor(file, name, "data_offsets " + Arrays.toString(offsets)
                    + " must be [begin, end]");
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin) {
            throw CheckpointException.tensor(file, name, "data_offsets " + Arrays.toString(offsets)
                    + " are not 0 <= begin <= end");
        }
        long bytes;
        try {
            bytes = dtype.itemSize();
            for (long d : shape) {
                bytes = Math.multiplyExact(bytes, d);
            }
        } catch (ArithmeticException e) {
            throw CheckpointException.tensor(file, name, "shape " + Arrays.toString(shape) + " of " + dtype
                    + " overflows: its byte size exceeds 2^63");
        }
        if (bytes != end - begin) {
            throw CheckpointException.tensor(file, name, "shape " + Arrays.toString(shape) + " of " + dtype
                    + " needs " + bytes + " bytes but data_offsets " + Arrays.toString(offsets) + " hold "
                    + (end - begin));
        }
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    /**
     * Every byte of the data section must belong to exactly one tensor. Holes are rejected, as the reference and the
     * format's spec do ("the byte buffer needs to be entirely indexed, and cannot contain holes"): a hole is either a
     * broken writer or room for a second, hidden payload.
     */
    private void checkLayout(Iterable<TensorEntry> entries, long dataSize) {
        List<TensorEntry> byOffset = new ArrayList<>();
        for (TensorEntry e : entries) {
            if (e.end() > dataSize) {
                throw CheckpointException.tensor(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end()
                        + "] run past the data section of " + dataSize + " bytes (truncated file?)");
            }
            byOffset.add(e);
        }
        byOffset.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long covered = 0;
        TensorEntry previous = null;
        for (TensorEntry e : byOffset) {
            if (e.begin() < covered) {
                throw CheckpointException.tensor(file, e.name(), "bytes [" + e.begin() + ", " + e.end()
                        + ") overlap tensor '" + previous.name() + "' [" + previous.begin() + ", " + previous.end()
                        + ")");
            }
            if (e.begin() > covered) {
                throw CheckpointException.tensor(file, e.name(), "data section bytes [" + covered + ", " + e.begin()
                        + ") before it belong to no tensor; holes are not allowed");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != dataSize) {
            throw new CheckpointException(file, "data section bytes [" + covered + ", " + dataSize
                    + ") belong to no tensor; holes are not allowed");
        }
    }

    private String readString(JsonReader reader, String name, String field) throws IOException {
        if (reader.peek() != JsonToken.STRING) {
            throw CheckpointException.tensor(file, name, field + " is a " + reader.peek() + ", not a string");
        }
        return reader.nextString();
    }

    /** Reads an array of JSON integers exactly (no 1e3, no 1.0), each within a signed 64-bit long. */
    private long[] readIntegers(JsonReader reader, String name, String field) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_ARRAY) {
            throw CheckpointException.tensor(file, name, field + " is a " + reader.peek() + ", not an array");
        }
        List<Long> values = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
            if (reader.peek() != JsonToken.NUMBER) {
                throw CheckpointException.tensor(file, name, field + " holds a " + reader.peek() + ", not an integer");
            }
            String literal = reader.nextString();
            try {
                values.add(Long.parseLong(literal));
            } catch (NumberFormatException e) {
                throw CheckpointException.tensor(file, name, field + " holds " + literal
                        + ", not an integer within 64 bits");
            }
        }
        reader.endArray();
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
