package dev.kaiwa.invite.jpa;

import dev.kaiwa.invite.Invite;
import dev.kaiwa.invite.InviteRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link InviteRepository} on JPA. */
@ApplicationScoped
public class JpaInviteRepository implements InviteRepository {
    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Override
    public void add(Invite invite) {
        entityManager.persist(invite);
    }

    @Override
    public Optional<Invite> find(String callId, String inviteId) {
        return Optional.ofNullable(entityManager.find(Invite.class, inviteId))
                .filter(invite -> invite.callId().equals(callId));
    }

    @Override
    public List<Invite> list(String callId) {
        return entityManager.createQuery("SELECT i FROM Invite i WHERE i.callId = :callId ORDER BY i.createdAt, i.id",
                        Invite.class)
                .setParameter("callId", callId)
                .getResultList();
    }

    @Override
    public List<Invite> findAddressedTo(String callId, String email) {
        return entityManager.createQuery("SELECT i FROM Invite i WHERE i.callId = :callId AND LOWER(i.email) = :email "
                        + "AND i.revokedAt IS NULL ORDER BY i.createdAt", Invite.class)
                .setParameter("callId", callId)
                .setParameter("email", email.toLowerCase(Locale.ROOT))
                .getResultList();
    }
}
