import { createDestinationPlans } from './destination-plans';
import { buildLookupPaths } from './lookup-paths';

describe('destination lookup plans', () => {
  it.each(['warehouse', 'my__dest', 'credentials'])('use the section paths dlt builds for destination.%s and its credentials', (name) => {
    const plans = createDestinationPlans([]).plansFor(name);
    expect(plans.config.sectionPaths).toEqual(buildLookupPaths(['destination', name]));
    expect(plans.credentials.sectionPaths).toEqual(buildLookupPaths(['destination', name, 'credentials']));
  });
});
