package dev.spawn.monitoring.promql.eval;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/** Go's regexp package where Java's differs: {@code Regexp.Expand}, shared by label_replace and reReplaceAll. */
final class GoRegexp {

    private GoRegexp() {
    }

    /**
     * Go's {@code Regexp.Expand}: {@code template} appended to {@code b} with {@code $1}, {@code ${1}}, {@code $name},
     * {@code ${name}} replaced by the groups of {@code m} (a group that did not take part, or does not exist, is empty),
     * {@code $$} by {@code $}, and a malformed reference left as text.
     */
    static void expand(StringBuilder b, Pattern re, Matcher m, String template) {
        int i = 0;
        while (i < template.length()) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                break;
            }
            b.append(template, i, dollar);
            i = dollar + 1;
            if (i < template.length() && template.charAt(i) == '$') {
                b.append('$');
                i++;
                continue;
            }
            boolean brace = i < template.length() && template.charAt(i) == '{';
            int start = brace ? i + 1 : i;
            int end = start;
            while (end < template.length()) {
                int c = template.codePointAt(end);
                if (!Character.isLetter(c) && !Character.isDigit(c) && c != '_') {
                    break;
                }
                end += Character.charCount(c);
            }
            if (end == start || (brace && (end >= template.length() || template.charAt(end) != '}'))) {
                b.append('$'); // malformed: the $ is text
                continue;
            }
            String name = template.substring(start, end);
            i = brace ? end + 1 : end;
            // a number of at most nine digits without a leading zero names a group by index, as Go's extract reads it
            int num = name.matches("[0-9]{1,9}") && !(name.startsWith("0") && name.length() > 1) ? Integer.parseInt(name) : -1;
            if (num >= 0) {
                if (num <= m.groupCount() && m.start(num) >= 0) {
                    b.append(m.group(num));
                }
            } else {
                Integer group = re.namedGroups().get(name);
                if (group != null && m.start(group) >= 0) {
                    b.append(m.group(group));
                }
            }
        }
        b.append(template, Math.min(i, template.length()), template.length());
    }
}
