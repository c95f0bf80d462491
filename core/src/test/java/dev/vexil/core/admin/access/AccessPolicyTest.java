package dev.vexil.core.admin.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    @Test
    void creatorsAreExactPrincipalsOrStarPatterns() {
        AccessPolicy policy = AccessPolicy.parse(
                "arn:aws:iam::123456789012:user/alice, arn:aws:iam::123456789012:role/Platform*", "");
        assertThat(policy.mayCreateProjects("arn:aws:iam::123456789012:user/alice")).isTrue();
        assertThat(policy.mayCreateProjects("arn:aws:iam::123456789012:role/PlatformAdmins")).isTrue();
        assertThat(policy.mayCreateProjects("arn:aws:iam::123456789012:user/alicia")).isFalse();
        assertThat(policy.mayCreateProjects("arn:aws:iam::123456789012:role/Sandbox")).isFalse();
        assertThat(policy.mayCreateProjects("arn:aws:iam::999999999999:role/PlatformAdmins")).isFalse();
    }

    @Test
    void patternCharactersOtherThanStarAreLiteral() {
        AccessPolicy policy = AccessPolicy.parse("https://id.example.com/#team.*", null);
        assertThat(policy.mayCreateProjects("https://id.example.com/#team.ops")).isTrue();
        assertThat(policy.mayCreateProjects("https://id.example.com/#teamXops")).isFalse();
    }

    @Test
    void anEmptyListAllowsNobodyAndStarAllowsEverybody() {
        assertThat(AccessPolicy.parse(null, null).mayCreateProjects("anyone")).isFalse();
        assertThat(AccessPolicy.parse(" , ", null).mayCreateProjects("anyone")).isFalse();
        assertThat(AccessPolicy.OPEN.mayCreateProjects("anyone")).isTrue();
    }

    @Test
    void breakGlassOperatorsAreExactAndRoleArnsLoseTheirPath() {
        AccessPolicy policy = AccessPolicy.parse("", "arn:aws:iam::123456789012:role/ops/VexilBreakGlass");
        assertThat(policy.isBreakGlass("arn:aws:iam::123456789012:role/VexilBreakGlass")).isTrue();
        assertThat(policy.isBreakGlass("arn:aws:iam::123456789012:role/VexilBreakGlass2")).isFalse();
        assertThat(AccessPolicy.OPEN.isBreakGlass("arn:aws:iam::123456789012:role/VexilBreakGlass")).isFalse();
    }
}
