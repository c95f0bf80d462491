package dev.vexil.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexComplexityTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ' ', value = {
            "abc 3",
            "a|b|c 3",
            "a* 1",
            "a+? 1",
            "a{5} 5",
            "a{2,7} 7",
            "a{3,} 4",
            "(ab){10} 20",
            "(?:ab|cd){10} 40",
            "(?P<name>x){4} 4",
            "(?i)abc 4",
            "[a-z]{10} 10",
            "[]a]{10} 10",
            "[^]a]{3} 3",
            "[[:alpha:]]{6} 6",
            "\\d{8} 8",
            "\\p{Greek}{3} 3",
            "\\x{41}{3} 3",
            "\\Q{}()\\E 1",
            "a{,5} 5",
            "((a{10}){10}){10} 1000",
            "((a{100}){100}){100} 1000000",
            "(a{1000}){1000} 1000000"})
    void estimatesTheExpandedSize(String pattern, long expected) {
        assertThat(RegexComplexity.expandedSize(pattern)).isEqualTo(expected);
    }
}
