package dev.kaiwa.audit;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What one audit entry will say, built where the audited change happens and handed to {@link
 * AuditTrail#record}: {@code AuditRecord.by(actor).in(organization).did(AuditAction.CALL_ENDED,
 * AuditResourceType.CALL, callId).with("from", "IN_PROGRESS")}, or {@code AuditRecord.system(organization)}
 * for what Kaiwa does by itself. Immutable: every step returns a new record.
 *
 * <p>Details are a small map of ids and codes (other ids, enum names, numbers), never personal data such as
 * names or e-mail addresses: the trail is kept long after the people's own data is erased.
 */
public final class AuditRecord {
    /** Most details one entry carries. */
    public static final int MAX_DETAILS = 16;
    /** Longest detail value, resource id and actor id, in characters (an SSO subject may be this long). */
    public static final int MAX_VALUE = 255;
    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");

    private final AuditActorType actorType;
    private final String actorId;
    private final String actorRole;
    private final String organization;
    private final AuditAction action;
    private final AuditResourceType resourceType;
    private final String resourceId;
    private final SortedMap<String, String> details;

    private AuditRecord(AuditActorType actorType, String actorId, String actorRole, String organization,
            AuditAction action, AuditResourceType resourceType, String resourceId, SortedMap<String, String> details) {
        this.actorType = actorType;
        this.actorId = actorId;
        this.actorRole = actorRole;
        this.organization = organization;
        this.action = action;
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.details = details;
    }

    /**
     * An action of an SSO user (role: its Kaiwa groups; organization: its own until {@link #in} says
     * otherwise) or of a participant acting with its participant token (role {@code participant}).
     */
    public static AuditRecord by(Actor actor) {
        requireNonNull(actor, "actor is null");
        if (actor instanceof Actor.User user) {
            Caller caller = user.caller();
            return new AuditRecord(AuditActorType.USER, limited("actor id", caller.subject()),
                    String.join(",", caller.groups().stream().sorted().toList()), caller.organization(), null, null,
                    null, new TreeMap<>());
        }
        Actor.Guest guest = (Actor.Guest) actor;
        return byParticipant(guest.participantId(), "participant");
    }

    /** An action of a participant over signaling, in its role in the call (e.g. {@code HOST}). */
    public static AuditRecord byParticipant(String participantId, String role) {
        requireNonNull(participantId, "participantId is null");
        requireNonNull(role, "role is null");
        return new AuditRecord(AuditActorType.PARTICIPANT, limited("actor id", participantId), role, null, null, null,
                null, new TreeMap<>());
    }

    /** Something Kaiwa did by itself within one organization (a sweep, a timer, a consequence of another change). */
    public static AuditRecord system(String organization) {
        requireNonNull(organization, "organization is null");
        return new AuditRecord(AuditActorType.SYSTEM, null, null, organization, null, null, null, new TreeMap<>());
    }

    /** Something Kaiwa did by itself across organizations (e.g. a purge run); listed to no organization. */
    public static AuditRecord system() {
        return new AuditRecord(AuditActorType.SYSTEM, null, null, null, null, null, null, new TreeMap<>());
    }

    /** The organization the entry belongs to: the one owning the resource, whose auditors read it. */
    public AuditRecord in(String organization) {
        requireNonNull(organization, "organization is null");
        return new AuditRecord(actorType, actorId, actorRole, organization, action, resourceType, resourceId, details);
    }

    /** What was done to which resource. */
    public AuditRecord did(AuditAction action, AuditResourceType resourceType, String resourceId) {
        requireNonNull(action, "action is null");
        requireNonNull(resourceType, "resourceType is null");
        return new AuditRecord(actorType, actorId, actorRole, organization, action, resourceType,
                resourceId == null ? null : limited("resource id", resourceId), details);
    }

    /**
     * One detail: an id, an enum constant, a number or a flag ({@code null} leaves it out). Keys are short
     * camel-case words.
     *
     * @throws IllegalArgumentException for a malformed key, a value of another type, a value that is too
     *         long, or one detail too many
     */
    public AuditRecord with(String key, Object value) {
        requireNonNull(key, "key is null");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("detail key '" + key + "' is not a short camel-case word");
        }
        if (value == null) {
            return this;
        }
        String text;
        if (value instanceof Enum<?> constant) {
            text = constant.name();
        }
        else if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            text = value.toString();
        }
        else {
            throw new IllegalArgumentException("detail '" + key + "' must be an id, an enum constant, a number or a "
                    + "flag, not a " + value.getClass().getName());
        }
        SortedMap<String, String> more = new TreeMap<>(details);
        more.put(key, limited("detail " + key, text));
        if (more.size() > MAX_DETAILS) {
            throw new IllegalArgumentException("an audit entry carries at most " + MAX_DETAILS + " details");
        }
        return new AuditRecord(actorType, actorId, actorRole, organization, action, resourceType, resourceId, more);
    }

    public AuditActorType actorType() {
        return actorType;
    }

    public Optional<String> actorId() {
        return Optional.ofNullable(actorId);
    }

    public Optional<String> actorRole() {
        return Optional.ofNullable(actorRole);
    }

    public Optional<String> organization() {
        return Optional.ofNullable(organization);
    }

    /** What was done; fails when {@link #did} was never called. */
    public AuditAction action() {
        if (action == null) {
            throw new IllegalStateException("an audit record needs did(action, resourceType, resourceId)");
        }
        return action;
    }

    public AuditResourceType resourceType() {
        action();
        return resourceType;
    }

    public Optional<String> resourceId() {
        return Optional.ofNullable(resourceId);
    }

    /** The details, sorted by key. */
    public SortedMap<String, String> details() {
        return Collections.unmodifiableSortedMap(details);
    }

    private static String limited(String what, String value) {
        if (value.length() > MAX_VALUE) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_VALUE + " characters");
        }
        return value;
    }

    @Override
    public String toString() {
        return actorType + (actorId == null ? "" : ":" + actorId) + " " + action + " " + resourceType + " " + resourceId
                + " " + details;
    }
}
