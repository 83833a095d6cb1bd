#include <gtest/gtest.h>

#include "import/classify.hpp"

using namespace rz::import;

TEST(Classify, FacilityTypesAsAgenciesWriteThem) {
  auto key = [](const char* type) { return std::string(facility_category(type).key); };
  EXPECT_EQ(key("党群服务中心"), "party_service_center");
  EXPECT_EQ(key("晋屏村党群服务中心"), "party_service_center");
  EXPECT_EQ(key("村级综合服务站"), "village_service_station");
  EXPECT_EQ(key("便民服务站"), "village_service_station");
  EXPECT_EQ(key("居家养老服务站"), "elderly_care");  // not a village station
  EXPECT_EQ(key("社区卫生服务站"), "clinic");
  EXPECT_EQ(key("村卫生室"), "clinic");
  EXPECT_EQ(key("幼儿园"), "kindergarten");
  EXPECT_EQ(key("公交站"), "bus_stop");
  EXPECT_EQ(key("乡村振兴培训中心"), "training_center");
  EXPECT_EQ(key("村史展览馆"), "exhibition_hall");
  EXPECT_EQ(key("人才孵化基地"), "talent_incubator");
  EXPECT_EQ(key("现代农业产业园"), "agricultural_park");
  EXPECT_EQ(key("Bus Stop"), "bus_stop");
  EXPECT_EQ(key("小卖部"), "other");
  EXPECT_EQ(key(""), "other");
  EXPECT_EQ(facility_categories().back().key, "other");
}

TEST(Classify, DefaultSpeedFromRoadClass) {
  EXPECT_EQ(default_speed_kmh("国道"), 60);
  EXPECT_EQ(default_speed_kmh("省道"), 50);
  EXPECT_EQ(default_speed_kmh("县道"), 40);
  EXPECT_EQ(default_speed_kmh("乡道"), 30);
  EXPECT_EQ(default_speed_kmh("村道"), 20);
  EXPECT_EQ(default_speed_kmh("机耕道"), 10);
  EXPECT_EQ(default_speed_kmh("X"), 40);
  EXPECT_EQ(default_speed_kmh("residential"), 20);
  EXPECT_EQ(default_speed_kmh("Tertiary"), 40);
  EXPECT_FALSE(default_speed_kmh("未知"));
}
