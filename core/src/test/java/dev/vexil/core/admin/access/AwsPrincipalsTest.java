package dev.vexil.core.admin.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsPrincipalsTest {
    @Test
    void anAssumedRoleSessionBecomesItsRoleWithTheSessionNameApart() {
        CallerIdentity caller = AwsPrincipals.fromCallerArn(
                "arn:aws:sts::123456789012:assumed-role/FlagEditors/alice@example.com");
        assertThat(caller.principal()).isEqualTo("arn:aws:iam::123456789012:role/FlagEditors");
        assertThat(caller.sessionName()).isEqualTo("alice@example.com");
    }

    @Test
    void otherPartitionsKeepTheirPartition() {
        assertThat(AwsPrincipals.fromCallerArn("arn:aws-us-gov:sts::123456789012:assumed-role/Ops/s1").principal())
                .isEqualTo("arn:aws-us-gov:iam::123456789012:role/Ops");
    }

    @Test
    void usersAndNonArnPrincipalsStayAsTheyAre() {
        assertThat(AwsPrincipals.fromCallerArn("arn:aws:iam::123456789012:user/ops/bob"))
                .isEqualTo(CallerIdentity.of("arn:aws:iam::123456789012:user/ops/bob"));
        assertThat(AwsPrincipals.fromCallerArn("local-admin")).isEqualTo(CallerIdentity.of("local-admin"));
    }

    @Test
    void roleGrantsLoseTheirPathBecauseSessionArnsCarryNone() {
        assertThat(AwsPrincipals.grantKey("arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/"
                + "eu-west-1/AWSReservedSSO_Admins_0123456789abcdef"))
                .isEqualTo("arn:aws:iam::123456789012:role/AWSReservedSSO_Admins_0123456789abcdef");
        assertThat(AwsPrincipals.grantKey("arn:aws:iam::123456789012:role/Plain"))
                .isEqualTo("arn:aws:iam::123456789012:role/Plain");
        assertThat(AwsPrincipals.grantKey("*")).isEqualTo("*");
    }

    @Test
    void aSessionArnGrantIsAProblemNamingTheRole() {
        assertThat(AwsPrincipals.grantProblem("arn:aws:sts::123456789012:assumed-role/R/s"))
                .hasValueSatisfying(m -> assertThat(m).contains("arn:aws:iam::123456789012:role/R"));
        assertThat(AwsPrincipals.grantProblem("arn:aws:iam::123456789012:role/R")).isEmpty();
    }

    @Test
    void aJwtPrincipalNeedsIssuerAndSubject() {
        assertThat(JwtPrincipals.of("https://id.example.com/", "42")).contains(
                CallerIdentity.of("https://id.example.com/#42"));
        assertThat(JwtPrincipals.of(null, "42")).isEmpty();
        assertThat(JwtPrincipals.of("https://id.example.com/", " ")).isEmpty();
    }
}
