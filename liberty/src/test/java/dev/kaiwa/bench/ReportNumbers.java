package dev.kaiwa.bench;

import jakarta.json.stream.JsonGenerator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers as the signaling reports show them: fixed decimals, "–" (Markdown) or null (JSON) when unknown. */
final class ReportNumbers {
    private ReportNumbers() {
    }

    static String fixed(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Thousands separated, no decimals: 31,250. */
    static String grouped(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }

    static double ratio(double numerator, double denominator) {
        return denominator == 0 || Double.isNaN(numerator) || Double.isNaN(denominator) ? Double.NaN : numerator / denominator;
    }

    static void write(JsonGenerator json, String name, double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            json.writeNull(name);
        }
        else {
            json.write(name, BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
        }
    }
}
