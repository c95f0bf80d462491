package dev.vexil.functions.store.dynamo;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.support.AuditPositions;
import dev.vexil.core.store.support.StoredVersion;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * Every item of the Vexil table, as the Enhanced Client maps it: version items of the chains (projects,
 * environments, flag definitions, flag configurations, segments) and SDK-key items. Unused attributes stay null
 * and are not written. The layout is documented in docs/data-model.md.
 */
public final class VexilItem {
    /** Built once: the schema is immutable and costly to build. */
    public static final TableSchema<VexilItem> SCHEMA = StaticTableSchema.builder(VexilItem.class)
            .newItemSupplier(VexilItem::new)
            .addAttribute(String.class, a -> a.name(VexilTable.PK).getter(VexilItem::pk).setter(VexilItem::pk)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(VexilTable.SK).getter(VexilItem::sk).setter(VexilItem::sk)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name(VexilTable.PROJECT).getter(VexilItem::project)
                    .setter(VexilItem::project))
            .addAttribute(String.class, a -> a.name(VexilTable.ENVIRONMENT).getter(VexilItem::environment)
                    .setter(VexilItem::environment))
            .addAttribute(String.class, a -> a.name(VexilTable.RTYPE).getter(VexilItem::rtype)
                    .setter(VexilItem::rtype))
            .addAttribute(String.class, a -> a.name(VexilTable.RKEY).getter(VexilItem::rkey).setter(VexilItem::rkey))
            .addAttribute(Long.class, a -> a.name(VexilTable.VERSION).getter(VexilItem::version)
                    .setter(VexilItem::version))
            .addAttribute(String.class, a -> a.name("at").getter(VexilItem::at).setter(VexilItem::at))
            .addAttribute(String.class, a -> a.name("principal").getter(VexilItem::principal)
                    .setter(VexilItem::principal))
            .addAttribute(String.class, a -> a.name("action").getter(VexilItem::action).setter(VexilItem::action))
            .addAttribute(String.class, a -> a.name("comment").getter(VexilItem::comment)
                    .setter(VexilItem::comment))
            .addAttribute(String.class, a -> a.name("diff").getter(VexilItem::diff).setter(VexilItem::diff))
            .addAttribute(String.class, a -> a.name("content").getter(VexilItem::content)
                    .setter(VexilItem::content))
            .addAttribute(Boolean.class, a -> a.name("deleted").getter(VexilItem::deleted)
                    .setter(VexilItem::deleted))
            .addAttribute(String.class, a -> a.name("sessionName").getter(VexilItem::sessionName)
                    .setter(VexilItem::sessionName))
            .addAttribute(Boolean.class, a -> a.name("breakGlass").getter(VexilItem::breakGlass)
                    .setter(VexilItem::breakGlass))
            .addAttribute(String.class, a -> a.name("name").getter(VexilItem::name).setter(VexilItem::name))
            .addAttribute(String.class, a -> a.name("hash").getter(VexilItem::hash).setter(VexilItem::hash))
            .addAttribute(String.class, a -> a.name("createdAt").getter(VexilItem::createdAt)
                    .setter(VexilItem::createdAt))
            .addAttribute(String.class, a -> a.name("createdBy").getter(VexilItem::createdBy)
                    .setter(VexilItem::createdBy))
            .addAttribute(String.class, a -> a.name("revokedAt").getter(VexilItem::revokedAt)
                    .setter(VexilItem::revokedAt))
            .addAttribute(String.class, a -> a.name("revokedBy").getter(VexilItem::revokedBy)
                    .setter(VexilItem::revokedBy))
            .addAttribute(String.class, a -> a.name(VexilTable.SDK_KEY_HASH_INDEX_PK).getter(VexilItem::gsi2pk)
                    .setter(VexilItem::gsi2pk).tags(secondaryPartitionKey(VexilTable.SDK_KEY_HASH_INDEX)))
            .addAttribute(String.class, a -> a.name(VexilTable.AUDIT_INDEX_PK).getter(VexilItem::auditPk)
                    .setter(VexilItem::auditPk).tags(secondaryPartitionKey(VexilTable.AUDIT_INDEX)))
            .addAttribute(String.class, a -> a.name(VexilTable.AUDIT_INDEX_SK).getter(VexilItem::auditSk)
                    .setter(VexilItem::auditSk).tags(secondarySortKey(VexilTable.AUDIT_INDEX)))
            .build();

    private String pk;
    private String sk;
    private String project;
    private String environment;
    private String rtype;
    private String rkey;
    private Long version;
    private String at;
    private String principal;
    private String action;
    private String comment;
    private String diff;
    private String content;
    private Boolean deleted;
    private String sessionName;
    private Boolean breakGlass;
    private String name;
    private String hash;
    private String createdAt;
    private String createdBy;
    private String revokedAt;
    private String revokedBy;
    private String gsi2pk;
    private String auditPk;
    private String auditSk;

    /** The item of one version of a chain. */
    static VexilItem ofVersion(Chain chain, StoredVersion version) {
        VexilItem item = new VexilItem();
        item.pk = chain.pk();
        item.sk = chain.sk(version.version());
        item.project = chain.project();
        item.environment = chain.environment();
        item.rtype = chain.type().name();
        item.rkey = chain.key();
        item.version = version.version();
        item.at = version.at().toString();
        item.principal = version.principal();
        item.action = version.action();
        item.comment = version.comment();
        item.diff = version.diffJson();
        item.content = version.contentJson();
        item.deleted = version.deleted() ? Boolean.TRUE : null;
        item.sessionName = version.sessionName();
        item.breakGlass = version.breakGlass() ? Boolean.TRUE : null;
        item.auditPk = chain.auditPk();
        item.auditSk = AuditPositions.of(chain, version);
        return item;
    }

    /** The head item of a chain: the version's own attributes, at the chain's head sort key. */
    static VexilItem ofHead(Chain chain, StoredVersion version) {
        VexilItem item = ofVersion(chain, version);
        item.sk = chain.headSk();
        item.auditPk = null; // only history items are in the audit index: one entry per change
        item.auditSk = null;
        return item;
    }

    public StoredVersion toStoredVersion() {
        return new StoredVersion(ResourceType.valueOf(rtype), rkey, version, at == null ? null : Instant.parse(at),
                principal, action, comment, diff, content, Boolean.TRUE.equals(deleted), sessionName,
                Boolean.TRUE.equals(breakGlass));
    }

    // Fluent accessors, as the StaticTableSchema uses them.
    public String sessionName() { return sessionName; }
    public void sessionName(String v) { sessionName = v; }
    public Boolean breakGlass() { return breakGlass; }
    public void breakGlass(Boolean v) { breakGlass = v; }
    public String pk() { return pk; }
    public void pk(String v) { pk = v; }
    public String sk() { return sk; }
    public void sk(String v) { sk = v; }
    public String project() { return project; }
    public void project(String v) { project = v; }
    public String environment() { return environment; }
    public void environment(String v) { environment = v; }
    public String rtype() { return rtype; }
    public void rtype(String v) { rtype = v; }
    public String rkey() { return rkey; }
    public void rkey(String v) { rkey = v; }
    public Long version() { return version; }
    public void version(Long v) { version = v; }
    public String at() { return at; }
    public void at(String v) { at = v; }
    public String principal() { return principal; }
    public void principal(String v) { principal = v; }
    public String action() { return action; }
    public void action(String v) { action = v; }
    public String comment() { return comment; }
    public void comment(String v) { comment = v; }
    public String diff() { return diff; }
    public void diff(String v) { diff = v; }
    public String content() { return content; }
    public void content(String v) { content = v; }
    public Boolean deleted() { return deleted; }
    public void deleted(Boolean v) { deleted = v; }
    public String name() { return name; }
    public void name(String v) { name = v; }
    public String hash() { return hash; }
    public void hash(String v) { hash = v; }
    public String createdAt() { return createdAt; }
    public void createdAt(String v) { createdAt = v; }
    public String createdBy() { return createdBy; }
    public void createdBy(String v) { createdBy = v; }
    public String revokedAt() { return revokedAt; }
    public void revokedAt(String v) { revokedAt = v; }
    public String revokedBy() { return revokedBy; }
    public void revokedBy(String v) { revokedBy = v; }
    public String gsi2pk() { return gsi2pk; }
    public void gsi2pk(String v) { gsi2pk = v; }
    public String auditPk() { return auditPk; }
    public void auditPk(String v) { auditPk = v; }
    public String auditSk() { return auditSk; }
    public void auditSk(String v) { auditSk = v; }
}
