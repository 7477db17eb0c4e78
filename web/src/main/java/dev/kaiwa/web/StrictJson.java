package dev.kaiwa.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
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

    private static Event require(JsonParser parser, String expected, Event... allowed) {
        Event event = parser.currentEvent();
        for (Event candidate : allowed) {
            if (candidate == event) {
                return event;
            }
        }
        throw new JsonbException("Expected " + expected + " but found " + event);
    }

    private static BigDecimal wholeNumber(JsonParser parser) {
        require(parser, "a whole number", Event.VALUE_NUMBER);
        if (!parser.isIntegralNumber()) {
            throw new JsonbException("Expected a whole number but found " + parser.getBigDecimal());
        }
        return parser.getBigDecimal();
    }

    /** Only {@code true} and {@code false}. */
    static final class StrictBoolean implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return require(parser, "true or false", Event.VALUE_TRUE, Event.VALUE_FALSE) == Event.VALUE_TRUE;
        }
    }

    /** Only whole JSON numbers within range. */
    static final class StrictInteger implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            try {
                return wholeNumber(parser).intValueExact();
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
                return wholeNumber(parser).longValueExact();
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
            require(parser, "a string", Event.VALUE_STRING);
            return parser.getString();
        }
    }
}
