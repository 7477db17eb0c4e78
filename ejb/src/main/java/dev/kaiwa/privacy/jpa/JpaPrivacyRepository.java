package dev.kaiwa.privacy.jpa;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.chat.ChatMessage;
import dev.kaiwa.chat.ChatTemplate;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.privacy.PrivacyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;

/** {@link PrivacyRepository} on JPA. */
@ApplicationScoped
public class JpaPrivacyRepository implements PrivacyRepository {
    /** The ids of the organization's calls, for {@code IN} filters. */
    private static final String ORGANIZATION_CALLS = "(SELECT c.id FROM Call c WHERE c.organization = :org)";

    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Override
    public List<Participant> participantsWithSubject(String organization, String subject) {
        return entityManager.createQuery("SELECT p FROM Participant p WHERE p.subject = :subject AND p.callId IN "
                        + ORGANIZATION_CALLS + " ORDER BY p.createdAt, p.id", Participant.class)
                .setParameter("subject", subject)
                .setParameter("org", organization)
                .getResultList();
    }

    @Override
    public List<Participant> participantsWithEmail(String organization, String email) {
        return entityManager.createQuery("SELECT p FROM Participant p WHERE p.callId IN " + ORGANIZATION_CALLS
                        + " AND (LOWER(p.email) = :email OR p.inviteId IN (SELECT i.id FROM Invite i "
                        + "WHERE LOWER(i.email) = :email)) ORDER BY p.createdAt, p.id", Participant.class)
                .setParameter("org", organization)
                .setParameter("email", email.toLowerCase(Locale.ROOT))
                .getResultList();
    }

    @Override
    public List<Invite> invites(String organization, List<String> inviteIds, List<String> emails) {
        if (inviteIds.isEmpty() && emails.isEmpty()) {
            return List.of();
        }
        List<String> addresses = emails.stream().map(email -> email.toLowerCase(Locale.ROOT)).distinct().toList();
        return entityManager.createQuery("SELECT i FROM Invite i WHERE i.callId IN " + ORGANIZATION_CALLS
                        + " AND (i.id IN :ids OR LOWER(i.email) IN :emails) ORDER BY i.createdAt, i.id", Invite.class)
                .setParameter("org", organization)
                .setParameter("ids", orNone(inviteIds))
                .setParameter("emails", orNone(addresses))
                .getResultList();
    }

    @Override
    public List<Call> calls(String organization, List<String> callIds) {
        if (callIds.isEmpty()) {
            return List.of();
        }
        return entityManager.createQuery("SELECT c FROM Call c WHERE c.organization = :org AND c.id IN :ids "
                        + "ORDER BY c.createdAt, c.id", Call.class)
                .setParameter("org", organization)
                .setParameter("ids", callIds)
                .getResultList();
    }

    @Override
    public List<Call> callsCreatedBy(String organization, String subject) {
        return entityManager.createQuery("SELECT c FROM Call c WHERE c.organization = :org AND c.createdBy = :subject "
                        + "ORDER BY c.createdAt, c.id", Call.class)
                .setParameter("org", organization)
                .setParameter("subject", subject)
                .getResultList();
    }

    @Override
    public List<ChatMessage> chatMessages(List<String> participantIds) {
        if (participantIds.isEmpty()) {
            return List.of();
        }
        return entityManager.createQuery("SELECT m FROM ChatMessage m WHERE m.participantId IN :ids "
                        + "ORDER BY m.sentAt, m.id", ChatMessage.class)
                .setParameter("ids", participantIds)
                .getResultList();
    }

    @Override
    public List<ChatTemplate> chatTemplates(String organization, String owner) {
        return entityManager.createQuery("SELECT t FROM ChatTemplate t WHERE t.owner = :owner "
                        + "AND t.organization = :org ORDER BY t.createdAt, t.id", ChatTemplate.class)
                .setParameter("owner", owner)
                .setParameter("org", organization)
                .getResultList();
    }

    @Override
    public void removeChatTemplate(ChatTemplate template) {
        entityManager.remove(template);
    }

    @Override
    public List<CallEvent> events(String organization, List<String> participantIds, List<String> actors) {
        if (participantIds.isEmpty() && actors.isEmpty()) {
            return List.of();
        }
        return entityManager.createQuery("SELECT e FROM CallEvent e WHERE e.callId IN " + ORGANIZATION_CALLS
                        + " AND (e.participantId IN :ids OR e.actor IN :actors) ORDER BY e.occurredAt, e.id",
                        CallEvent.class)
                .setParameter("org", organization)
                .setParameter("ids", orNone(participantIds))
                .setParameter("actors", orNone(actors))
                .getResultList();
    }

    /** An empty IN list is not valid SQL everywhere; a value no id or reference takes stands in for it. */
    private static List<String> orNone(List<String> values) {
        return values.isEmpty() ? List.of("") : values;
    }
}
