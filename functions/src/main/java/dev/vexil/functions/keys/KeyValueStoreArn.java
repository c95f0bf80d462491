package dev.vexil.functions.keys;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudFront KeyValueStore ARN ({@code arn:aws:cloudfront::<account>:key-value-store/<id>}) and the data-plane
 * endpoint it implies: {@code https://<account>.cloudfront-kvs.global.api.aws} (the SDKs' endpoint rules).
 */
record KeyValueStoreArn(String arn, String accountId) {
    private static final Pattern ARN = Pattern.compile("arn:aws:cloudfront::([0-9]{12}):key-value-store/[A-Za-z0-9-]+");

    static KeyValueStoreArn parse(String arn) {
        if (arn == null) {
            throw new IllegalArgumentException("VEXIL_KVS_ARN is not set");
        }
        Matcher matcher = ARN.matcher(arn);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a CloudFront KeyValueStore ARN in the aws partition: " + arn);
        }
        return new KeyValueStoreArn(arn, matcher.group(1));
    }

    URI endpoint() {
        return URI.create("https://" + accountId + ".cloudfront-kvs.global.api.aws");
    }
}
