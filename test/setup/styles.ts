// The default theme, loaded as an app would (`basiq-react/styles.css` is these files joined),
// so axe checks contrast and layout with real styles.
import '../../src/styles.css';

import.meta.glob('../../src/components/*.css', { eager: true });
