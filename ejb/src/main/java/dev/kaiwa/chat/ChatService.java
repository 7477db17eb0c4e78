package dev.kaiwa.chat;

import dev.kaiwa.call.CallAccess;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.Cursor;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.Page;
import dev.kaiwa.shared.RandomIds;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Chat history of calls and hosts' message templates. Messages are posted through signaling. */
@Stateless
public class ChatService {
    /** Longest template title. */
    public static final int MAX_TITLE = 100;

    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Inject
    CallAccess access;

    @Inject
    Clock clock;

    /** Stores a message of a connected participant; the text is trimmed and must be 1 to 500 characters. */
    public ChatMessage postMessage(String callId, String participantId, String displayName, String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty() || trimmed.length() > ChatMessage.MAX_TEXT) {
            throw DomainException.invalidField("text", "must be 1 to " + ChatMessage.MAX_TEXT + " characters");
        }
        ChatMessage message = new ChatMessage(callId, participantId, displayName, trimmed, clock.instant());
        entityManager.persist(message);
        return message;
    }

    public Page<ChatMessage> history(Actor actor, String callId, Optional<String> cursor, Integer limit) {
        access.visible(actor, callId);
        int size = Page.checkLimit(limit);
        Optional<Cursor> after = cursor.map(Cursor::decode);
        TypedQuery<ChatMessage> query = entityManager.createQuery("SELECT m FROM ChatMessage m WHERE m.callId = :callId"
                        + (after.isPresent() ? " AND (m.sentAt > :at OR (m.sentAt = :at AND m.id > :id))" : "")
                        + " ORDER BY m.sentAt, m.id", ChatMessage.class)
                .setParameter("callId", callId);
        after.ifPresent(position -> query.setParameter("at", position.at()).setParameter("id", position.id()));
        List<ChatMessage> rows = query.setMaxResults(size + 1).getResultList();
        List<ChatMessage> items = rows.size() > size ? rows.subList(0, size) : rows;
        Optional<String> next = rows.size() > size
                ? Optional.of(new Cursor(items.get(size - 1).sentAt(), items.get(size - 1).id()).encode())
                : Optional.empty();
        return new Page<>(items, next);
    }

    public List<ChatTemplate> listTemplates(Caller caller) {
        return entityManager.createQuery("SELECT t FROM ChatTemplate t WHERE t.owner = :owner ORDER BY t.createdAt, t.id",
                        ChatTemplate.class)
                .setParameter("owner", caller.subject())
                .getResultList();
    }

    public ChatTemplate getTemplate(Caller caller, String id) {
        if (!RandomIds.isWellFormed(id)) {
            throw notFound();
        }
        return Optional.ofNullable(entityManager.find(ChatTemplate.class, id))
                .filter(template -> template.owner().equals(caller.subject()))
                .orElseThrow(ChatService::notFound);
    }

    public ChatTemplate createTemplate(Caller caller, String title, String text) {
        if (!caller.mayCreateCalls()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Chat templates are for hosts");
        }
        ChatTemplate template = new ChatTemplate(caller.subject(), caller.organization(), title, text, clock.instant());
        entityManager.persist(template);
        return template;
    }

    public ChatTemplate changeTemplate(Caller caller, String id, String title, String text) {
        ChatTemplate template = getTemplate(caller, id);
        template.change(title, text, clock.instant());
        return template;
    }

    public void deleteTemplate(Caller caller, String id) {
        entityManager.remove(getTemplate(caller, id));
    }

    private static DomainException notFound() {
        return new DomainException(ErrorCode.RESOURCE_NOT_FOUND, "No such chat template");
    }
}
