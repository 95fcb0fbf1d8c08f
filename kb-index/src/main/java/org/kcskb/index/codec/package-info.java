/** The Lucene codec of the search index (internal; public only for Lucene's codec lookup by name). */
package org.kcskb.index.codec;
