package dev.vexil.local.http;

/** Where the adapter puts the principal in the request context, as the two API Gateway authorizers do. */
public enum PrincipalClaim {
    /** {@code requestContext.authorizer.jwt.claims.sub} (a JWT authorizer; what local mode uses). */
    JWT_SUB,
    /** {@code requestContext.authorizer.iam.userArn} (IAM auth, SigV4). */
    IAM_USER_ARN
}
