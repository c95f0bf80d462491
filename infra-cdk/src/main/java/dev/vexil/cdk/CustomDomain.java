package dev.vexil.cdk;

import java.util.Objects;

/**
 * A domain name for the snapshot CDN and the ARN of its ACM certificate. CloudFront only accepts certificates
 * from us-east-1, whatever region the stack is in.
 */
public record CustomDomain(String domainName, String certificateArn) {
    public CustomDomain {
        Objects.requireNonNull(domainName, "domainName");
        Objects.requireNonNull(certificateArn, "certificateArn");
        if (!certificateArn.startsWith("arn:aws:acm:us-east-1:")) {
            throw new IllegalArgumentException(
                    "The CDN certificate must be an ACM certificate in us-east-1 (CloudFront requirement), got: "
                            + certificateArn);
        }
    }
}
