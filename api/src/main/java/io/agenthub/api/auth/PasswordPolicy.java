package io.agenthub.api.auth;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a new password must be, after NIST SP 800-63B (revision 4) for a password that is the only factor: at least
 * {@value #MIN_LENGTH} characters (any characters, spaces and Unicode included; up to {@value #MAX_LENGTH}), and not a
 * common, expected or compromised value. No composition rules (no "one digit, one capital"). The blocklist is zxcvbn's:
 * its 30,000 most common leaked passwords, English words, names, keyboard walks, repeats, sequences and dates, and the
 * account's own e-mail address and the service's name; a password whose estimate is below 10^{@value #MIN_GUESSES_LOG10}
 * guesses is refused with what made it guessable. It is measured as written and with its spaces and separators taken
 * out (zxcvbn counts each separated part as a fresh start, so "trading bitcoin hub" would pass as written); the
 * weaker of the two decides.
 */
@Component
public class PasswordPolicy {

    static final int MIN_LENGTH = 15;
    static final int MAX_LENGTH = 256;
    /** zxcvbn's "very unguessable" (score 4): strong protection even if the (Argon2id) hashes leak. */
    static final int MIN_GUESSES_LOG10 = 10;
    private static final List<String> SERVICE_WORDS = List.of("agenthub", "agent", "hub", "hashkey", "trading", "bitcoin");

    private final Zxcvbn zxcvbn = new Zxcvbn();

    /** Why {@code password} may not be the password of {@code email}'s account, or empty when it may. */
    public Optional<String> refusal(String password, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters (a few words make a good one)");
        }
        List<String> context = new ArrayList<>(SERVICE_WORDS);
        if (email != null) {
            String normalized = email.strip().toLowerCase(Locale.ROOT);
            int at = normalized.indexOf('@');
            context.add(normalized);
            if (at > 0) {
                context.add(normalized.substring(0, at));
                context.addAll(List.of(normalized.substring(at + 1).split("[.]")));
            }
        }
        Strength strength = zxcvbn.measure(password, context);
        String joined = password.replaceAll("[\\s\\p{Punct}]+", "");
        if (!joined.equals(password) && !joined.isEmpty()) {
            Strength together = zxcvbn.measure(joined, context);
            if (together.getGuessesLog10() < strength.getGuessesLog10()) {
                strength = together;
            }
        }
        if (strength.getGuessesLog10() >= MIN_GUESSES_LOG10) {
            return Optional.empty();
        }
        Feedback feedback = strength.getFeedback();
        String warning = feedback.getWarning(Locale.ENGLISH);
        List<String> suggestions = feedback.getSuggestions(Locale.ENGLISH);
        StringBuilder why = new StringBuilder("is too easy to guess");
        if (warning != null && !warning.isBlank()) {
            why.append(": ").append(warning.strip());
        }
        if (!suggestions.isEmpty()) {
            why.append(warning != null && !warning.isBlank() ? " " : ": ").append(String.join(" ", suggestions));
        } else if (warning == null || warning.isBlank()) {
            why.append(": add another word or two; uncommon words are better");
        }
        return Optional.of(why.toString());
    }
}
