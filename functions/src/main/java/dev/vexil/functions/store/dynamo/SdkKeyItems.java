package dev.vexil.functions.store.dynamo;

import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.SdkKeyRecord;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * SDK-key items: {@code pk = P#<project>#E#<env>}, {@code sk = SDKKEY#<id>}, the hash in {@code hash} and in
 * {@code gsi2pk} (the {@value VexilTable#SDK_KEY_HASH_INDEX} GSI). {@code version} is 1, and 2 once revoked:
 * revocation is the item's only change.
 */
public final class SdkKeyItems {
    public static final String SK_PREFIX = ItemKeys.SDK_KEY_PREFIX;

    private SdkKeyItems() {
    }

    public static String pk(String project, String environment) {
        return ItemKeys.environmentPk(project, environment);
    }

    public static Key key(String project, String environment, String id) {
        return Key.builder().partitionValue(pk(project, environment)).sortValue(SK_PREFIX + id).build();
    }

    public static VexilItem of(SdkKeyRecord key) {
        VexilItem item = new VexilItem();
        item.pk(pk(key.project(), key.environment()));
        item.sk(SK_PREFIX + key.id());
        item.project(key.project());
        item.environment(key.environment());
        item.rtype(ResourceType.SDK_KEY.name());
        item.rkey(key.id());
        item.version(key.revokedAt() == null ? 1L : 2L);
        item.name(key.name());
        item.hash(key.hash());
        item.gsi2pk(key.hash());
        item.createdAt((key.createdAt() == null ? Instant.now() : key.createdAt()).toString());
        item.createdBy(key.createdBy());
        item.revokedAt(key.revokedAt() == null ? null : key.revokedAt().toString());
        return item;
    }

    /** The attributes an UpdateItem sets to revoke the key (nulls are left alone). */
    public static VexilItem revocation(Key key, Instant at, String principal) {
        VexilItem item = new VexilItem();
        item.pk(key.partitionKeyValue().s());
        item.sk(key.sortKeyValue().orElseThrow().s());
        item.version(2L);
        item.revokedAt(at.toString());
        item.revokedBy(principal);
        return item;
    }

    public static SdkKeyRecord toRecord(VexilItem item) {
        return new SdkKeyRecord(item.rkey(), item.project(), item.environment(), item.name(), item.hash(),
                Instant.parse(item.createdAt()), item.createdBy(),
                item.revokedAt() == null ? null : Instant.parse(item.revokedAt()));
    }
}
