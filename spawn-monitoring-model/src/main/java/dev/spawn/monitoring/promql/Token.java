package dev.spawn.monitoring.promql;

/** One lexical item of a PromQL expression: its kind, character offset and source text (for an error item, the message). */
record Token(Kind kind, int offset, String text) {

    /** The item kinds of Prometheus 2.42's lexer (lex.go), grouped as it groups them. */
    enum Kind {
        EOF, ERROR, COMMENT, IDENTIFIER, METRIC_IDENTIFIER, NUMBER, STRING, DURATION,
        LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET, COMMA, EQL, COLON,
        // operators
        ADD, SUB, MUL, DIV, MOD, POW, ATAN2, EQLC, NEQ, LTE, LSS, GTE, GTR, EQL_REGEX, NEQ_REGEX, LAND, LOR, LUNLESS, AT,
        // aggregators
        AVG, BOTTOMK, COUNT, COUNT_VALUES, GROUP, MAX, MIN, QUANTILE, STDDEV, STDVAR, SUM, TOPK,
        // keywords
        BOOL, BY, GROUP_LEFT, GROUP_RIGHT, IGNORING, OFFSET, ON, WITHOUT,
        // preprocessors
        START, END;

        boolean isOperator() {
            return ordinal() >= ADD.ordinal() && ordinal() <= AT.ordinal();
        }

        boolean isAggregator() {
            return ordinal() >= AVG.ordinal() && ordinal() <= TOPK.ordinal();
        }

        boolean isKeyword() {
            return ordinal() >= BOOL.ordinal() && ordinal() <= WITHOUT.ordinal();
        }
    }

    int end() {
        return offset + (kind == Kind.ERROR || kind == Kind.EOF ? 0 : text.length());
    }

    /** How Prometheus names an unexpected item in its messages ({@code Item.desc}). */
    String describe() {
        return switch (kind) {
            case EOF -> "end of input";
            case ERROR -> text;
            case IDENTIFIER -> "identifier " + Lexer.goQuote(text);
            case METRIC_IDENTIFIER -> "metric identifier " + Lexer.goQuote(text);
            case NUMBER -> "number " + shortQuote();
            case STRING -> "string " + shortQuote();
            case DURATION -> "duration " + shortQuote();
            case COMMENT -> "comment " + shortQuote();
            // Prometheus has no name for the @ item type and prints its numeric placeholder.
            case AT -> "\"<Item 57385>\" <op:@>";
            default -> {
                if (kind.isKeyword()) {
                    yield "<" + text + ">";
                } else if (kind.isOperator()) {
                    yield "<op:" + text + ">";
                } else if (kind.isAggregator()) {
                    yield "<aggr:" + text + ">";
                }
                yield shortQuote();
            }
        };
    }

    private String shortQuote() {
        // Go's %.10q: the first ten characters, quoted, then "..." when longer.
        return text.length() > 10 ? Lexer.goQuote(text.substring(0, 10)) + "..." : Lexer.goQuote(text);
    }
}
