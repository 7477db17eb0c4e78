package dev.kaiwa.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.shared.RandomIds;
import org.junit.jupiter.api.Test;

class TicketsTest {
    @Test
    void hashIsTheHexSha256OfTheTicket() {
        assertThat(Tickets.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Tickets.hash("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void hashOfATicketFitsTheStoredKey() {
        String ticket = RandomIds.randomToken(32);

        assertThat(Tickets.hash(ticket)).hasSize(64).matches("[0-9a-f]{64}").doesNotContain(ticket);
    }

    @Test
    void sameTicketAlwaysHashesTheSameAndOthersDiffer() {
        String ticket = RandomIds.randomToken(32);

        assertThat(Tickets.hash(ticket)).isEqualTo(Tickets.hash(ticket));
        assertThat(Tickets.hash(ticket)).isNotEqualTo(Tickets.hash(RandomIds.randomToken(32)));
    }
}
