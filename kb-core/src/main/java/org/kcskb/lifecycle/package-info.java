/**
 * The KCS rules as plain, replaceable policy objects without I/O: the {@link
 * org.kcskb.lifecycle.LifecyclePolicy} (who may do which {@link org.kcskb.lifecycle.Action} in which state and
 * audience; {@link org.kcskb.lifecycle.KcsLifecyclePolicy} by licence, each refusal naming its rule id), the {@link
 * org.kcskb.lifecycle.ContentStandard} (what an article must hold to move on), and the {@link
 * org.kcskb.lifecycle.VisibilityPolicy} that turns a viewer into the {@link org.kcskb.lifecycle.Visibility} every
 * answer is filtered by.
 */
package org.kcskb.lifecycle;
