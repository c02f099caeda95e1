package th.go.saraban.gateway.push;

import java.util.UUID;

/** One attempt at pushing one entry, claimed by the push route: the same delivery id on every attempt. */
public record PushDelivery(long entryId, UUID deliveryId, int attemptNo) {

    public String deliveryIdText() {
        return deliveryId.toString();
    }

    @Override
    public String toString() {
        return "push of entry " + entryId + " (delivery " + deliveryId + ", attempt " + attemptNo + ")";
    }
}
