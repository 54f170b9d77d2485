import { Alert, Col, Row, Space, Spin } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useResource } from '../../../api/useResource';
import { useCan, useWorkspace } from '../../workspace/hooks/useWorkspace';
import { getCustomer, type ProfileView } from '../api';
import { useCustomerLookups } from '../hooks/useCustomerLookups';
import { AttributesCard } from './AttributesCard';
import { IdentitiesCard } from './IdentitiesCard';
import { MergesCard } from './MergesCard';
import { ProfileHeader } from './ProfileHeader';
import { FollowersCard, OaCard } from './RelationsCards';
import { TagsCard } from './TagsCard';
import { TimelineCard } from './TimelineCard';

/** `/w/:slug/customers/:personId`: everything about one customer, editable with customers.write. */
export function CustomerProfilePage() {
  const errorText = useApiErrorText();
  const can = useCan();
  const { slug } = useWorkspace();
  const { personId = '' } = useParams();
  const lookups = useCustomerLookups(slug);
  // Bumped after every change: the timeline and merge history load again.
  const [version, setVersion] = useState(0);
  const loaded = useResource(
    (signal) => getCustomer(slug, personId, signal),
    [slug, personId, version],
  );
  const [edited, setEdited] = useState<Partial<ProfileView>>({});
  const changed = (changes: Partial<ProfileView>) => {
    setEdited((previous) => ({ ...previous, ...changes }));
    setVersion((n) => n + 1);
  };

  if (loaded.error !== undefined && !loaded.data) {
    return <Alert type="error" showIcon title={errorText(loaded.error)} />;
  }
  if (!loaded.data) return <Spin />;
  // Edits answer with the new tags/attributes at once; a reload brings the rest.
  const profile = { ...loaded.data, ...(loaded.loading ? edited : {}) };
  const id = profile.id;
  const canWrite = can('customers.write') && !profile.erasedAt;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ProfileHeader profile={profile} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <TagsCard
              slug={slug}
              personId={id}
              tags={profile.tags}
              groups={lookups.tagGroups.data}
              canEdit={canWrite}
              onChanged={(tags) => changed({ tags })}
            />
            <AttributesCard
              slug={slug}
              personId={id}
              attributes={profile.attributes}
              definitions={lookups.definitions.data}
              canEdit={canWrite}
              onChanged={(attributes) => changed({ attributes })}
            />
            <TimelineCard slug={slug} personId={id} version={version} />
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <FollowersCard followers={profile.followers} employees={lookups.employees.data} />
            <OaCard subscriptions={profile.oaSubscriptions} />
            <IdentitiesCard identities={profile.identities} />
            <MergesCard
              slug={slug}
              personId={id}
              canUnmerge={can('customers.write')}
              version={version}
              onUnmerged={() => setVersion((n) => n + 1)}
            />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
