package dev.spawn.monitoring.render;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/** The matcher-reusing resolver gives SnakeYAML's own resolver's type for every plain scalar. */
class Yaml11TypesTest {

    private static final Resolver SNAKEYAML = new Resolver();
    private static final Resolver REUSING = YamlOutput.yaml11Resolver();

    @Property(tries = 5000)
    void resolvesAsSnakeYaml(@ForAll("dangerous") String value) {
        for (boolean implicit : new boolean[] {true, false}) {
            assertThat(REUSING.resolve(NodeId.scalar, value, implicit)).as(value)
                    .isEqualTo(SNAKEYAML.resolve(NodeId.scalar, value, implicit));
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> dangerous() {
        return YamlRoundTripTest.dangerous();
    }
}
