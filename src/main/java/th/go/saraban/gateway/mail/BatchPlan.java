package th.go.saraban.gateway.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits the new messages of a check into batches bounded by count and by bytes, so that a mailbox
 * full after a long holiday is registered without holding it all in memory. A message over the
 * per-message limit travels alone and is fetched as headers only. So does a letter an earlier try
 * did not settle: if it is what stopped that try, it cannot take its neighbours down with it again.
 */
public record BatchPlan(int maxMessages, long maxBytes, long maxMessageBytes) {

    public BatchPlan {
        if (maxMessages < 1 || maxBytes < 1 || maxMessageBytes < 1) {
            throw new IllegalArgumentException("batch limits must be positive");
        }
    }

    public boolean oversize(UidAndSize message) {
        return message.size() > maxMessageBytes;
    }

    public List<List<UidAndSize>> split(List<UidAndSize> newMessages) {
        return split(newMessages, Set.of());
    }

    /** @param triedBefore UIDs that travel alone because an earlier try did not settle them */
    public List<List<UidAndSize>> split(List<UidAndSize> newMessages, Set<Long> triedBefore) {
        List<List<UidAndSize>> batches = new ArrayList<>();
        List<UidAndSize> current = new ArrayList<>();
        long bytes = 0;
        for (UidAndSize message : newMessages) {
            boolean alone = oversize(message) || triedBefore.contains(message.uid());
            boolean full = current.size() >= maxMessages || bytes + message.size() > maxBytes;
            if (!current.isEmpty() && (alone || full)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(message);
            bytes += message.size();
            if (alone) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
