package dev.kaiwa.web;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * JSON-B for request bodies without silent coercion: a string where a boolean belongs, a number
 * where a string belongs, or 2.5 where a whole number belongs is a malformed request (400), not
 * a value quietly converted into something the client did not send.
 */
@Provider
public class StrictJson implements ContextResolver<Jsonb> {
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withDeserializers(
            new StrictBoolean(), new StrictInteger(), new StrictLong(), new StrictString()));

    /** The strict instance, for code that reads JSON itself. */
    public static Jsonb jsonb() {
        return JSONB;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /** The current value if it has one of the allowed types; JSON null is always allowed (absent). */
    private static JsonValue require(JsonParser parser, String expected, ValueType... allowed) {
        JsonValue value = parser.getValue();
        if (value.getValueType() == ValueType.NULL) {
            return null;
        }
        for (ValueType candidate : allowed) {
            if (candidate == value.getValueType()) {
                return value;
            }
        }
        throw new JsonbException("Expected " + expected + " but found " + value.getValueType());
    }

    private static BigDecimal wholeNumber(JsonParser parser) {
        JsonNumber number = (JsonNumber) require(parser, "a whole number", ValueType.NUMBER);
        if (number == null) {
            return null;
        }
        if (!number.isIntegral()) {
            throw new JsonbException("Expected a whole number but found " + number);
        }
        return number.bigDecimalValue();
    }

    /** Only {@code true} and {@code false}. */
    static final class StrictBoolean implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = require(parser, "true or false", ValueType.TRUE, ValueType.FALSE);
            return value == null ? null : value.getValueType() == ValueType.TRUE;
        }
    }

    /** Only whole JSON numbers within range. */
    static final class StrictInteger implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            try {
                BigDecimal number = wholeNumber(parser);
                return number == null ? null : number.intValueExact();
            }
            catch (ArithmeticException e) {
                throw new JsonbException("Number out of range", e);
            }
        }
    }

    /** Only whole JSON numbers within range. */
    static final class StrictLong implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            try {
                BigDecimal number = wholeNumber(parser);
                return number == null ? null : number.longValueExact();
            }
            catch (ArithmeticException e) {
                throw new JsonbException("Number out of range", e);
            }
        }
    }

    /** Only JSON strings. */
    static final class StrictString implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = require(parser, "a string", ValueType.STRING);
            return value == null ? null : ((JsonString) value).getString();
        }
    }
}
