package dev.spawn.monitoring.model.decl;

import java.util.Map;

/**
 * A section kept as the user wrote it (a discovery kind this project does not model): the list key it
 * came under and one entry as plain maps, lists and scalars. The tool that loads the file checks it.
 */
public interface Opaque {

    String key();

    Map<String, Object> body();
}
