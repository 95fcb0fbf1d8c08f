/**
 * The library's article format, JSON lines, read and written with Jackson: see {@link
 * org.kcskb.transfer.json.ArticleJsonLines} for the format and the calls that import a file into a knowledge base and
 * export one.
 */
package org.kcskb.transfer.json;
