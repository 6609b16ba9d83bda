package io.agenthub.api.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaaaaaaaaaa", "passwordpassword", "password12345678", "1234567890123456", "qwertyuiopasdfghjkl",
            "iloveyouiloveyou", "abcdefghijklmnopq", "agenthubagenthub1", "monkeymonkey2020", "trading bitcoin hub"})
    void shouldRefuseAPasswordWhenItIsCommonOrAPattern(String password) {
        assertThat(policy.refusal(password, "someone@example.com")).as(password).hasValueSatisfying(why -> assertThat(why).startsWith("is too easy to guess"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "password1234", "fourteen chars"})
    void shouldRefuseAPasswordWhenItIsShorterThanFifteenCharacters(String password) {
        assertThat(policy.refusal(password, "someone@example.com")).contains("must be 15 to 256 characters (a few words make a good one)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lantern orchid gravel tundra", "correct horse battery staple", "çà et là, dix-sept ours bleus", "Tr0ub4dor&3 is not enough alone",
            "7 purple walruses hum quietly"})
    void shouldAcceptAPasswordWhenItIsLongAndUnguessableWhateverItsCharacters(String password) {
        assertThat(policy.refusal(password, "someone@example.com")).as(password).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"margaret.hamilton@example.com", "MARGARET.HAMILTON@EXAMPLE.COM"})
    void shouldRefuseAPasswordWhenItIsMadeOfTheAccountsOwnAddress(String email) {
        assertThat(policy.refusal("margaret.hamilton1969", email)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {257, 1000})
    void shouldRefuseAPasswordWhenItIsLongerThanTheMaximum(int length) {
        assertThat(policy.refusal("x".repeat(length), null)).contains("must be 15 to 256 characters (a few words make a good one)");
    }
}
