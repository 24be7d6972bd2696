// The default theme, loaded as an app would (`basiq-react/styles.css` is these files joined, the
// theme first), so axe checks contrast and layout with real styles.
import '../../src/styles.css';
import './componentStyles';
