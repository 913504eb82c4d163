package io.meshpulse.prober.round;

import io.meshpulse.prober.ProbeTarget;
import io.meshpulse.prober.ProberConfig;
import io.meshpulse.schema.AgentCard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's cards as the prober checks them. A card seen in the previous round keeps its
 * target (no URL parsing per agent per round); a card that cannot be checked is logged once.
 * Used by the rounds' thread only.
 */
final class Targets {

  private static final Logger LOG = LoggerFactory.getLogger(Targets.class);

  private record Resolved(AgentCard card, ProbeTarget target) {}

  private final ProberConfig config;
  private Map<String, Resolved> previous = Map.of();
  private final Set<String> reportedInvalid = new HashSet<>();

  Targets(ProberConfig config) {
    this.config = config;
  }

  /** The targets of {@code cards}, in order, without the cards that cannot be checked. */
  List<ProbeTarget> of(List<AgentCard> cards) {
    Map<String, Resolved> current = new HashMap<>(cards.size() * 2);
    List<ProbeTarget> targets = new ArrayList<>(cards.size());
    for (AgentCard card : cards) {
      Resolved resolved = resolve(card);
      if (resolved != null) {
        current.put(card.getName(), resolved);
        targets.add(resolved.target());
      }
    }
    previous = current;
    return targets;
  }

  private Resolved resolve(AgentCard card) {
    Resolved known = previous.get(card.getName());
    if (known != null && (known.card() == card || known.card().equals(card))) {
      return known;
    }
    try {
      return new Resolved(card, ProbeTarget.of(card, config));
    } catch (IllegalArgumentException e) {
      if (reportedInvalid.add(card.getName() + " " + card.getUrl())) {
        LOG.warn("not checking agent {}: {}", card.getName(), e.getMessage());
      }
      return null;
    }
  }
}
