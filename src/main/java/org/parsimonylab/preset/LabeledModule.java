package org.parsimonylab.preset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parsimonylab.engine.Labeled;

/**
 * A Jackson module for enums that implement {@link Labeled}: they are written as their label ({@code "half-mean"})
 * and read back from it, never from the Java constant name, so presets stay independent of Java naming.
 */
public final class LabeledModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    /** Creates the module; register it on an {@code ObjectMapper} to read and write labeled enums. */
    public LabeledModule() {
        super("parsimony-lab-labeled-enums");
        addSerializer(Labeled.class, new LabelSerializer());
        setDeserializers(new LabelDeserializers());
    }

    /** Writes a labeled constant as its label. */
    private static final class LabelSerializer extends StdSerializer<Labeled> {
        private static final long serialVersionUID = 1L;

        LabelSerializer() {
            super(Labeled.class);
        }

        @Override
        public void serialize(Labeled value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.label());
        }
    }

    /** Hands out a {@link LabelDeserializer} for every enum that implements {@link Labeled}. */
    private static final class LabelDeserializers extends SimpleDeserializers {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> findEnumDeserializer(
                Class<?> type, DeserializationConfig config, BeanDescription beanDesc) throws JsonMappingException {
            return Labeled.class.isAssignableFrom(type)
                    ? new LabelDeserializer(type)
                    : super.findEnumDeserializer(type, config, beanDesc);
        }
    }

    /** Reads a labeled constant from its label; anything else is reported with the allowed labels. */
    private static final class LabelDeserializer extends StdScalarDeserializer<Object> {
        private static final long serialVersionUID = 1L;
        private final Map<String, Object> byLabel = new LinkedHashMap<>();

        LabelDeserializer(Class<?> type) {
            super(type);
            for (Object constant : type.getEnumConstants()) {
                byLabel.put(((Labeled) constant).label(), constant);
            }
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            Object constant = byLabel.get(text);
            if (constant == null) {
                return ctxt.handleWeirdStringValue(
                        handledType(), text, "not one of %s", String.join("|", byLabel.keySet()));
            }
            return constant;
        }
    }
}
