package dev.vexil.it.stack.lambda;

/** Where {@link ApiGatewayEvents} puts the principal in the request context, as the two API Gateway authorizers do. */
public enum PrincipalClaim {
    /** {@code requestContext.authorizer.jwt.claims.sub} (a JWT authorizer). */
    JWT_SUB,
    /** {@code requestContext.authorizer.iam.userArn} (IAM auth, SigV4). */
    IAM_USER_ARN
}
