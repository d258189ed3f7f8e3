package io.celeriac.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * On a Spring test class: the application's tasks run in-process (no Redis, no worker) and the
 * client is the test kit's {@code EagerCeleriac}, injectable to check what was sent and to move
 * its manual clock. Needs {@code io.celeriac:celeriac-test} in test scope.
 *
 * <pre>{@code
 * @SpringBootTest
 * @CeleriacEagerMode
 * class SignupTest {
 *     @Autowired EagerCeleriac celeriac;
 *     @Autowired Signup signup;
 *
 *     @Test
 *     void sends_a_welcome_mail() {
 *         signup.register("ada@example.com");
 *         assertEquals("mail", celeriac.sent().one("mail.welcome").queue());
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(properties = "celeriac.eager=true")
public @interface CeleriacEagerMode {
}
